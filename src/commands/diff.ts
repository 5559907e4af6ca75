// `pan-ser diff A B`: compares two runs, each given as a log file (analysed here) or a saved JSON
// report (recognised by content), and prints what rose or fell: reasons, findings, and the rules
// and applications that moved most.
import { Option, type Command } from 'commander';
import { analyzeInputs, DEFAULT_MAX_RECORD_BYTES } from '../analyze.js';
import { DEFAULT_AGGREGATOR_OPTIONS } from '../aggregate/aggregator.js';
import { diffSummaries, TABLE_ROWS } from '../aggregate/diff.js';
import type { Summary } from '../aggregate/summary.js';
import { EXIT, formatErrorLine, formatRejectLine, PanSerError } from '../errors.js';
import { BLANK, HEADER } from '../fields/map.js';
import { readSavedReport } from '../input/report.js';
import type { Io } from '../io.js';
import { renderDiffJson, renderDiffTable } from '../render/diff.js';
import { escapeTerminal } from '../render/escape.js';
import { positiveInt, outputView, type ErrLine } from './shared.js';

interface DiffFlags {
  format: 'table' | 'json';
  weight: 'rows' | 'repeat';
  top: number;
  color: boolean;
}

export function registerDiff(
  program: Command,
  io: Io,
  err: ErrLine,
  setExit: (code: number) => void,
): void {
  program
    .command('diff')
    .description('compare two runs (logs or saved JSON reports): what rose, what fell')
    .argument('<before>', 'log file or `pan-ser analyze --format json` report')
    .argument('<after>', 'log file or report')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .addOption(
      new Option('--weight <mode>', 'for logs: count rows, or Repeat Count')
        .choices(['rows', 'repeat'])
        .default('rows'),
    )
    .option('--top <n>', 'movers per rule and per application', positiveInt('--top'), 10)
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Examples:
  pan-ser diff before.log after.log
  pan-ser analyze monday.log -f json -o monday.json && pan-ser diff monday.json tuesday.log`,
    )
    .action(async (before: string, after: string, flags: DiffFlags) => {
      setExit(await diffCommand(before, after, flags, io, err));
    });
}

/** Rejected lines of a log side printed on stderr, as `analyze` prints them by default. */
const REJECTS_SHOWN = DEFAULT_AGGREGATOR_OPTIONS.keepRejects;

async function load(name: string, flags: DiffFlags, io: Io, err: ErrLine): Promise<Summary | null> {
  const saved = await readSavedReport(name);
  if (saved) return saved;
  const state = { failed: false, rejected: 0 };
  // Held until the side is known to be a log: a file that is not one gets one line, not 20.
  const shown: string[] = [];
  const s = await analyzeInputs(
    [name],
    {
      inputFormat: 'auto',
      maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
      strict: false,
      aggregator: { ...DEFAULT_AGGREGATOR_OPTIONS, weight: flags.weight, top: TABLE_ROWS },
    },
    io,
    {
      // A line the comparison leaves out is never dropped silently: named as analyze names it.
      onReject: (r) => {
        if (state.rejected < REJECTS_SHOWN) shown.push(escapeTerminal(formatRejectLine(r)));
        state.rejected++;
      },
      onInputError: (e) => {
        state.failed = true;
        err(escapeTerminal(formatErrorLine(e)));
      },
    },
  );
  if (state.failed) return null;
  if (isNotALog(s)) {
    // Another tool's report, a saved report piped in, any text: a side of 0 sessions would make
    // every count look new, so it is refused rather than compared.
    const e = new PanSerError(
      'INPUT_UNREADABLE',
      `neither a PAN-OS log nor a pan-ser report: ${
        s.lines.read === 1 ? 'its one line is not' : `none of its ${s.lines.read} lines is`
      } a PAN-OS log`,
      {
        file: name,
        hint: 'give a log, or a report saved with pan-ser analyze --format json -o FILE; a report is recognised in a file, not on standard input',
      },
    );
    err(escapeTerminal(formatErrorLine(e)));
    return null;
  }
  for (const line of shown) err(line);
  if (state.rejected > REJECTS_SHOWN)
    err(
      `pan-ser: ${escapeTerminal(name)}: ${state.rejected - REJECTS_SHOWN} more rejected lines (pan-ser analyze lists them all)`,
    );
  return s;
}

/** No line was a PAN-OS log of any type: every line was rejected, or blank, or a header. */
function isNotALog(s: Summary): boolean {
  const L = s.lines;
  const other = Object.entries(L.skippedBy).some(([k, n]) => n > 0 && !NOT_LOGS.has(k));
  return L.analysed === 0 && L.rejected > 0 && !other;
}
const NOT_LOGS = new Set([BLANK.what, HEADER.what]);

/** Both sides must count alike: rows against rows × Repeat Count would move every reason. */
function weightMismatch(a: Summary, b: Summary, before: string, after: string): PanSerError | null {
  if (a.weight === b.weight) return null;
  const what = (w: Summary['weight']) =>
    w === 'repeat' ? 'Repeat Count (--weight repeat)' : 'rows (--weight rows)';
  return new PanSerError(
    'USAGE',
    `${before} counts ${what(a.weight)} but ${after} counts ${what(b.weight)}: the numbers would not compare`,
    {
      hint: 'give diff the --weight of the saved report, or save the report again with the other --weight',
    },
  );
}

async function diffCommand(before: string, after: string, flags: DiffFlags, io: Io, err: ErrLine) {
  if (before === '-' && after === '-') {
    err('pan-ser: standard input (-) can be read only once [USAGE]');
    return EXIT.usageOrInput;
  }
  const a = await load(before, flags, io, err);
  const b = await load(after, flags, io, err);
  if (!a || !b) return EXIT.usageOrInput;
  const mismatch = weightMismatch(a, b, before, after);
  if (mismatch) {
    err(escapeTerminal(formatErrorLine(mismatch)));
    return EXIT.usageOrInput;
  }
  const d = diffSummaries(a, b, { before, after }, flags.top);
  io.stdout.write(
    flags.format === 'json'
      ? renderDiffJson(d)
      : renderDiffTable(d, outputView(io, flags.color, flags.top)),
  );
  return EXIT.ok;
}
