/** Replaced at build time with the package version (tsup `define`). */
declare const __CODETETHER_VERSION__: string;
