#!/usr/bin/env node
// A committed entry so npm can link the `codetether` bin at install time, before anything is built.
import("../dist/codetether.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("codetether.js")) {
    console.error("codetether is not built yet: run `npm run build` (or `npm install`) in the repository.");
    process.exit(1);
  }
  throw error;
});
