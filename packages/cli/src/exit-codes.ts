/** Exit code of an unexpected failure (a bug, or a run that failed on the workers). */
export const INTERNAL_EXIT = 1
/** Exit code of every command-line usage error (unknown flag, bad flag value, missing argument). */
export const USAGE_EXIT = 2
/** Exit code of a run stopped by SIGINT/SIGTERM (128 + SIGINT, as shells report it). */
export const INTERRUPTED_EXIT = 130
