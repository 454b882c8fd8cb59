export const EXIT_OK = 0;
/** The command ran and failed (bad config, provider error, ...). */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong (unknown command or flag, missing argument). */
export const EXIT_USAGE = 2;
