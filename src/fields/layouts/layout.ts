// The shape of TRAFFIC syslog layout data files. Release layouts only grow at the end, so each
// file lists just the fields its release appends to the previous one (the first lists them
// all); index.ts chains them into full positional lists. A variant layout is a release layout
// with some fields left out. A line with more fields than its layout is fine.

export interface LayoutSample {
  /** Where the line comes from: "real: …", "derived: …" (cut from a real line) or "synthetic: …". */
  readonly source: string;
  readonly line: string;
  /** Values the mapper must read from the line, by field id. */
  readonly expect: Readonly<Record<string, string>>;
}

/** One release's data file. */
export interface LayoutFile {
  /** Release label shown in reports, e.g. "9.1" or "10.1-11.0". */
  readonly id: string;
  /** First release (major.minor) that writes this layout. */
  readonly since: string;
  /** Field ids this release appends, in order. */
  readonly adds: readonly string[];
  readonly samples: readonly LayoutSample[];
}

/** A variant that drops fields from a release layout (every later field moves up). */
export interface VariantFile {
  readonly id: string;
  readonly since: string;
  /** Id of the release layout it derives from. */
  readonly base: string;
  readonly drop: readonly string[];
  readonly samples: readonly LayoutSample[];
}

/** A resolved layout: the full positional list of field ids. */
export interface Layout {
  readonly id: string;
  readonly since: string;
  readonly fields: readonly string[];
  readonly samples: readonly LayoutSample[];
}
