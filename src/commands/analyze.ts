// `pan-ser analyze`: options, the analysis run, and the report on stdout.
import { Option, type Command } from 'commander';
import { analyzeInputs, DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_BYTES_LIMIT } from '../analyze.js';
import { DEFAULT_AGGREGATOR_OPTIONS } from '../aggregate/aggregator.js';
import { debugStack, EXIT, formatErrorLine, PanSerError } from '../errors.js';
import { KNOWN_RELEASES, layoutForRelease } from '../fields/layout-pick.js';
import type { Io } from '../io.js';
import { escapeTerminal } from '../render/escape.js';
import { renderJson } from '../render/json.js';
import { renderTable } from '../render/table.js';
import type { View } from '../render/view.js';
import { escapeLines, positiveInt, wantsColor, type ErrLine } from './shared.js';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLDS,
  THRESHOLD_NAMES,
  type ThresholdName,
  type Thresholds,
} from '../classify/findings.js';

interface AnalyzeFlags {
  format: 'table' | 'json';
  inputFormat: 'auto' | 'csv' | 'syslog';
  panosVersion?: string;
  weight: 'rows' | 'repeat';
  top: number;
  color: boolean;
  strict: boolean;
  maxErrors: number;
  maxRecordSize: number;
  threshold: string[];
}

export function registerAnalyze(
  program: Command,
  io: Io,
  err: ErrLine,
  setExit: (code: number) => void,
): void {
  program
    .command('analyze')
    .description('break TRAFFIC logs down by Session End Reason')
    .argument('<files...>', 'log files: CSV exports, syslog files, .gz of either, or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .addOption(
      new Option('--input-format <kind>', 'input kind (auto sniffs each file)')
        .choices(['auto', 'csv', 'syslog'])
        .default('auto'),
    )
    .option(
      '--panos-version <release>',
      `read syslog fields with this release's layout (e.g. 9.1; known: ${KNOWN_RELEASES.join(', ')})`,
    )
    .addOption(
      new Option('--weight <mode>', 'count each row once, or as its Repeat Count')
        .choices(['rows', 'repeat'])
        .default('rows'),
    )
    .option('--top <n>', 'rows per top-N table', positiveInt('--top'), 5)
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--strict', 'stop at the first rejected line (exit 2)', false)
    .option(
      '--max-errors <n>',
      'rejected lines to print on stderr and keep in the report',
      positiveInt('--max-errors'),
      20,
    )
    .option(
      '--max-record-size <bytes>',
      'longest line accepted; longer lines are rejected',
      positiveInt('--max-record-size'),
      DEFAULT_MAX_RECORD_BYTES,
    )
    .option(
      '--threshold <name=value>',
      'tune a finding threshold (repeatable; see "Finding thresholds" below)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .addHelpText(
      'after',
      `
Finding thresholds (--threshold name=value):
${THRESHOLD_NAMES.map((n) => `  ${n} (default ${THRESHOLDS[n].value}): ${THRESHOLDS[n].help}`).join('\n')}

Exit codes: 0 ok; 1 a --fail-on gate was breached; 2 bad usage or an input could not be read.

Examples:
  pan-ser analyze traffic.csv
  pan-ser analyze fw1.log.gz fw2.log --format json > summary.json
  zcat old.log.gz | pan-ser analyze - --panos-version 8.1`,
    )
    .action(async (files: string[], flags: AnalyzeFlags) => {
      setExit(await analyzeCommand(files, flags, io, err));
    });
}

async function analyzeCommand(
  files: string[],
  flags: AnalyzeFlags,
  io: Io,
  err: ErrLine,
): Promise<number> {
  if (files.filter((f) => f === '-').length > 1) {
    throw new PanSerError('USAGE', 'standard input (-) can be read only once');
  }
  if (flags.panosVersion !== undefined && layoutForRelease(flags.panosVersion) === null) {
    throw new PanSerError('USAGE', `unknown --panos-version "${flags.panosVersion}"`, {
      hint: `give a release such as ${KNOWN_RELEASES.slice(0, 3).join(', ')} …`,
    });
  }
  if (flags.maxRecordSize > MAX_RECORD_BYTES_LIMIT) {
    throw new PanSerError('USAGE', `--max-record-size ${flags.maxRecordSize} is too large`, {
      hint: `give at most ${MAX_RECORD_BYTES_LIMIT} bytes`,
    });
  }
  const thresholds = parseThresholds(flags.threshold);
  let printed = 0;
  let inputErrors = 0;
  const summary = await analyzeInputs(
    files,
    {
      inputFormat: flags.inputFormat,
      panosVersion: flags.panosVersion,
      maxRecordBytes: flags.maxRecordSize,
      strict: flags.strict,
      thresholds,
      aggregator: {
        ...DEFAULT_AGGREGATOR_OPTIONS,
        weight: flags.weight,
        top: Math.max(flags.top, 10),
        keepRejects: flags.maxErrors,
      },
    },
    io,
    {
      onReject: (r) => {
        if (flags.strict) return;
        if (printed < flags.maxErrors)
          err(escapeTerminal(`pan-ser: ${r.file}:${r.line}: ${r.message} [${r.code}]`));
        else if (printed === flags.maxErrors)
          err(
            'pan-ser: more rejected lines follow; the report counts them all (--max-errors N shows more)',
          );
        printed++;
      },
      onInputError: (e) => {
        inputErrors++;
        err(escapeTerminal(formatErrorLine(e)));
        const stack = debugStack(io.env, e);
        if (stack !== null) err(escapeLines(stack));
      },
    },
  );
  // No report when nothing at all could be read; a file that broke part-way still reports the
  // lines before the damage.
  const nothingRead = inputErrors === files.length && summary.lines.read === 0;
  if (!nothingRead) {
    const view: View = {
      color: wantsColor(io, flags.color),
      width: io.columns ?? 100,
      top: flags.top,
    };
    io.stdout.write(flags.format === 'json' ? renderJson(summary) : renderTable(summary, view));
  }
  return inputErrors > 0 ? EXIT.usageOrInput : EXIT.ok;
}

/** `name=value` pairs over the defaults; an unknown name or a bad number is a usage error. */
export function parseThresholds(pairs: readonly string[]): Thresholds {
  const out: Record<ThresholdName, number> = { ...DEFAULT_THRESHOLDS };
  for (const pair of pairs) {
    const m = /^([a-z-]+)=(\d+(?:\.\d+)?)$/.exec(pair.trim());
    const name = m?.[1] ?? '';
    if (!m || !(THRESHOLD_NAMES as readonly string[]).includes(name)) {
      throw new PanSerError('USAGE', `bad --threshold "${pair}"`, {
        hint: `give name=number with a name among ${THRESHOLD_NAMES.join(', ')}`,
      });
    }
    out[name as ThresholdName] = Number(m[2]);
  }
  return out;
}
