// The shape of a TRAFFIC syslog layout data file. A layout is a positional list of field ids;
// layouts only grow at the end, so a line with more fields than its layout is fine.

export interface LayoutSample {
  /** Where the line comes from: "real: …", "derived: …" (cut from a real line) or "synthetic: …". */
  readonly source: string;
  readonly line: string;
  /** Values the mapper must read from the line, by field id. */
  readonly expect: Readonly<Record<string, string>>;
}

export interface Layout {
  /** Release label shown in reports, e.g. "9.1" or "10.1-11.0". */
  readonly id: string;
  /** First release (major.minor) that writes this layout. */
  readonly since: string;
  readonly fields: readonly string[];
  readonly samples: readonly LayoutSample[];
}
