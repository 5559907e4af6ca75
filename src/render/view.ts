// What a renderer may know besides the Summary: decided once by the CLI (colour, width, how many
// rows) and passed in, so renderers never look at the environment, the clock or the terminal.

export interface View {
  readonly color: boolean;
  /** Output width in columns (terminal width, or 100 when not a terminal). */
  readonly width: number;
  /** Rows per group table. */
  readonly top: number;
}

export const DEFAULT_VIEW: View = { color: false, width: 100, top: 5 };
