// Option values and defaults the command line shows in its help, kept apart from the commands' modules so that
// `marsad --help` and each command load only what they use (src/cli/main.ts imports commands when they run).
export const EXPORT_FORMATS = ['json', 'acled', 'plover'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Seconds between the starts of two polls of `marsad watch`. */
export const DEFAULT_INTERVAL_SECONDS = 600;
