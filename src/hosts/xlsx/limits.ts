// The size limits every reader applies (the CLI's zip guard, the workbench page). No Node imports.

/** The largest .xlsx file read at all: 100 MB (refused from its size, before reading it). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/**
 * The largest total of the entries' declared uncompressed sizes: 150 MB. ExcelJS needs about 16× the
 * unpacked XML in memory (bench tables-1000: 13 MB unpacked, 1,000 tables on 100 sheets, ~210 MB),
 * so 150 MB stays inside Node's default heap (~4 GB) while leaving 11× the largest workbook we know.
 */
export const MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024;
