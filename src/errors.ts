// The one table of error codes and exit codes, and the error type every layer throws for
// problems a user can fix. Only cli.ts turns these into exit codes and stderr lines.
import type { Reject } from './model.js';

export const EXIT = {
  ok: 0,
  gateBreached: 1,
  usageOrInput: 2,
} as const;

/** Every coded problem, with the exit code it leads to when it stops the run. */
export const ERROR_CODES = {
  USAGE: { exit: EXIT.usageOrInput, summary: 'bad command-line usage' },
  INPUT_UNREADABLE: { exit: EXIT.usageOrInput, summary: 'an input could not be opened or read' },
  INPUT_MISSING_COLUMNS: {
    exit: EXIT.usageOrInput,
    summary: 'a CSV export lacks columns the analysis needs',
  },
  INPUT_NO_HEADER: { exit: EXIT.usageOrInput, summary: '--input-format csv, but no header row' },
  OUTPUT_UNWRITABLE: { exit: EXIT.usageOrInput, summary: 'the --output file could not be written' },
  STRICT_REJECT: { exit: EXIT.usageOrInput, summary: '--strict and a line was rejected' },
  UNKNOWN_TERM: { exit: EXIT.usageOrInput, summary: '`explain` does not know the term' },
  INTERNAL: { exit: EXIT.usageOrInput, summary: 'a bug in pan-ser (please report it)' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PanSerError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    where: { file?: string; line?: number; hint?: string } = {},
  ) {
    super(message);
    this.name = 'PanSerError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.hint = where.hint;
  }
}

/** `file:line: message [CODE] (hint)`: the one shape of every error line on stderr. */
export function formatErrorLine(e: PanSerError): string {
  const where =
    e.file === undefined ? '' : e.line === undefined ? `${e.file}: ` : `${e.file}:${e.line}: `;
  const hint = e.hint === undefined ? '' : ` (${e.hint})`;
  return `pan-ser: ${where}${e.message} [${e.code}]${hint}`;
}

/** `file:line: message [CODE]`: a rejected line on stderr, in the shape of an error line. */
export function formatRejectLine(r: Reject): string {
  return `pan-ser: ${r.file}:${r.line}: ${r.message} [${r.code}]`;
}

/** The error's stack when PAN_SER_DEBUG is set (and not empty), for a developer; else null. */
export function debugStack(
  env: Readonly<Record<string, string | undefined>>,
  e: unknown,
): string | null {
  const on = env.PAN_SER_DEBUG !== undefined && env.PAN_SER_DEBUG !== '';
  return on && e instanceof Error && e.stack !== undefined ? e.stack : null;
}
