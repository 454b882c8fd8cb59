/** The CLI's version; under vitest (no build step) it falls back to a marker. */
export const VERSION: string = typeof __CODETETHER_VERSION__ === "string" ? __CODETETHER_VERSION__ : "0.0.0-dev";
