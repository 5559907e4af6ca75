// File kinds pan-ser cannot read but a user may hand it (an archive of the logs, a spreadsheet
// saved in its own format), told apart by their first bytes so the error names what to do
// instead of rejecting every "line" of binary data. Data only: a new kind is one entry. Gzip is
// not here: pan-ser reads it (open.ts).

export interface ForeignKind {
  /** The leading bytes that identify it. */
  readonly magic: readonly number[];
  /** What the file is, after "is ": e.g. "a ZIP archive". */
  readonly what: string;
  /** How to get a log out of it; FILE stands for the file's name. */
  readonly fix: string;
}

export const FOREIGN_KINDS: readonly ForeignKind[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (or an .xlsx workbook), not a log file',
    fix: 'extract the log first (unzip -p FILE | pan-ser analyze -), or save a workbook as CSV',
  },
  {
    magic: [0x50, 0x4b, 0x05, 0x06],
    what: 'an empty ZIP archive, not a log file',
    fix: 'pass the log itself',
  },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'an Excel .xls workbook, not a CSV export',
    fix: 'open it and save it as CSV (UTF-8), or export the logs again as CSV',
  },
  {
    magic: [0x42, 0x5a, 0x68],
    what: 'bzip2-compressed',
    fix: 'decompress it into standard input: bzcat FILE | pan-ser analyze -',
  },
  {
    magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    what: 'xz-compressed',
    fix: 'decompress it into standard input: xzcat FILE | pan-ser analyze -',
  },
  {
    magic: [0x28, 0xb5, 0x2f, 0xfd],
    what: 'zstd-compressed',
    fix: 'decompress it into standard input: zstdcat FILE | pan-ser analyze -',
  },
  {
    magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    what: 'a 7-Zip archive, not a log file',
    fix: 'extract the log first, e.g. 7z x -so FILE | pan-ser analyze -',
  },
];

/** Bytes of a file's start enough to tell every kind apart. */
export const MAGIC_BYTES = Math.max(...FOREIGN_KINDS.map((k) => k.magic.length));

/** The kind `head` (a file's first bytes) starts with, or null for anything else. */
export function foreignKind(head: Uint8Array): ForeignKind | null {
  for (const kind of FOREIGN_KINDS) {
    if (head.length >= kind.magic.length && kind.magic.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}
