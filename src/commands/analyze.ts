// `pan-ser analyze`: options, the analysis run, the report (any registered format, to stdout or
// --output FILE), the --fail-on gates and the progress line. Decides colour, width and zone once
// and hands them to the pure stages.
import { Option, type Command } from 'commander';
import { analyzeInputs, DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_BYTES_LIMIT } from '../analyze.js';
import { DEFAULT_AGGREGATOR_OPTIONS } from '../aggregate/aggregator.js';
import type { Summary } from '../aggregate/summary.js';
import { parseBucket } from '../aggregate/time-buckets.js';
import { debugStack, EXIT, formatErrorLine, formatRejectLine, PanSerError } from '../errors.js';
import { KNOWN_RELEASES, layoutForRelease } from '../fields/layout-pick.js';
import { PARSERS, type ParserName } from '../input/csv-parse-split.js';
import { formatLogTime } from '../fields/time.js';
import {
  AS_LOGGED,
  formatOffset,
  parseUserTime,
  parseZone,
  toWall,
  type Bound,
  type Zone,
} from '../fields/zone.js';
import { evaluateGates, formatGateResult, parseGate } from '../gates.js';
import type { Io } from '../io.js';
import type { Classified } from '../model.js';
import { openSink } from '../output.js';
import { createProgress, progressEnabled } from '../progress.js';
import { escapeTerminal } from '../render/escape.js';
import { FORMAT_NAMES, loadRenderer, type FormatName } from '../render/registry.js';
import { lineAccount, linesAddUp } from '../render/text.js';
import { SLICE_KEYS, type SliceKey } from '../slice/terms.js';
import { compileFilter, parseWhere, type Window } from '../slice/where.js';
import { escapeLines, positiveInt, outputView, type ErrLine } from './shared.js';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLDS,
  THRESHOLD_NAMES,
  type ThresholdName,
  type Thresholds,
} from '../classify/findings.js';

interface AnalyzeFlags {
  format: FormatName;
  output?: string;
  inputFormat: 'auto' | 'csv' | 'syslog';
  panosVersion?: string;
  weight: 'rows' | 'repeat';
  top: number;
  groupBy?: string[];
  where?: string[];
  since?: string;
  until?: string;
  tz?: string;
  bucket?: string;
  failOn?: string[];
  quiet?: boolean;
  color: boolean;
  strict: boolean;
  maxErrors: number;
  maxRecordSize: number;
  parser?: ParserName;
  threshold?: string[];
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

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
      new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('table'),
    )
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
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
    .option(
      '--group-by <keys>',
      `table of sessions per combination of keys (${SLICE_KEYS.join('|')}); repeat or comma-separate`,
      collect,
    )
    .option(
      '--where <terms>',
      'keep sessions matching field<op>value terms (= != =~ !~ < > <= >=), e.g. "reason=policy-deny action=allow"; repeatable (all must hold)',
      collect,
    )
    .option(
      '--since <time>',
      'keep sessions at or after this time (YYYY-MM-DD[ HH:MM[:SS]][Z|±HH:MM])',
    )
    .option('--until <time>', 'keep sessions before this time')
    .option(
      '--tz <zone>',
      'zone of the log times and of --since/--until (UTC, ±HH:MM or e.g. Europe/Berlin); default: as logged',
    )
    .option(
      '--bucket <width>',
      'time bucket of the reasons-over-time chart (15m, 1h, 1d; default auto)',
    )
    .option(
      '--fail-on <gate>',
      'exit 1 when <reason|finding-id>[>N|>P%] is exceeded (no limit: any session); repeatable',
      collect,
    )
    .option('-q, --quiet', 'print only the gate results (no report, no rejected lines)')
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--strict', 'stop at the first rejected line (exit 2)', false)
    .option(
      '--max-errors <n>',
      'rejected lines to print on stderr and keep in the report',
      positiveInt('--max-errors'),
      DEFAULT_AGGREGATOR_OPTIONS.keepRejects,
    )
    .option(
      '--max-record-size <bytes>',
      'longest line accepted; longer lines are rejected',
      positiveInt('--max-record-size'),
      DEFAULT_MAX_RECORD_BYTES,
    )
    .addOption(
      new Option(
        '--parser <name>',
        'line splitter: fast, or the csv-parse reference (slow; also PAN_SER_PARSER=csv-parse)',
      ).choices(PARSERS),
    )
    .option(
      '--threshold <name=value>',
      'tune a finding threshold (repeatable; see "Finding thresholds" below)',
      collect,
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
  pan-ser analyze fw.log --format html -o report.html
  pan-ser analyze fw.log --group-by rule,app --where "reason=policy-deny action=allow"
  pan-ser analyze fw.log --quiet --fail-on 'policy-deny>5%' --fail-on threat
  zcat old.log.gz | pan-ser analyze - --panos-version 8.1`,
    )
    .action(async (files: string[], flags: AnalyzeFlags) => {
      setExit(await analyzeCommand(files, flags, io, err));
    });
}

function usage(message: string, hint?: string): PanSerError {
  return new PanSerError('USAGE', message, hint === undefined ? {} : { hint });
}

function parseGroupBy(args: readonly string[]): SliceKey[] {
  const keys: SliceKey[] = [];
  for (const k of args.flatMap((a) => a.split(',')).map((x) => x.trim())) {
    if (k === '') continue;
    if (!(SLICE_KEYS as readonly string[]).includes(k))
      throw usage(`--group-by: unknown key "${k}"`, `use ${SLICE_KEYS.join(', ')}`);
    if (!keys.includes(k as SliceKey)) keys.push(k as SliceKey);
  }
  if (args.length > 0 && keys.length === 0) {
    throw usage('--group-by: no key given', `use ${SLICE_KEYS.join(', ')}`);
  }
  return keys;
}

function parseWindow(flags: AnalyzeFlags, zone: Zone): Window {
  const read = (name: string, v: string | undefined): Bound | null => {
    if (v === undefined) return null;
    const t = parseUserTime(v, zone);
    if (t === null)
      throw usage(
        `${name} "${v}" is not a time`,
        'e.g. 2026-11-23 or 2026-11-23 14:00 or 2026-11-23T13:00Z',
      );
    if ('skipped' in t) {
      const hm = (ms: number) => formatLogTime(ms).slice(11, 16);
      throw usage(
        `${name} "${v}" does not exist in ${zone.label}: its clocks jump from ${hm(t.skipped.from)} to ${hm(t.skipped.to)} that day`,
        'give a time before or after the jump, or an instant with Z or an offset',
      );
    }
    return t;
  };
  const since = read('--since', flags.since);
  const until = read('--until', flags.until);
  if (since !== null && until !== null && until.instant <= since.instant)
    throw usage('--until must be after --since');
  return { since, until };
}

/** A bound for the report: as logged, or with --tz the zone's wall clock and its offset. */
function showBound(b: Bound | null, zone: Zone | null): string | null {
  if (b === null) return null;
  if (zone === null) return formatLogTime(b.instant);
  return `${formatLogTime(toWall(b.instant, zone))} ${formatOffset(b.instant, zone)}`;
}

export async function analyzeCommand(
  files: string[],
  flags: AnalyzeFlags,
  io: Io,
  err: ErrLine,
): Promise<number> {
  if (files.filter((f) => f === '-').length > 1) {
    throw usage('standard input (-) can be read only once');
  }
  if (flags.panosVersion !== undefined && layoutForRelease(flags.panosVersion) === null) {
    throw usage(
      `unknown --panos-version "${flags.panosVersion}"`,
      `give a release such as ${KNOWN_RELEASES.slice(0, 3).join(', ')} …`,
    );
  }
  if (flags.maxRecordSize > MAX_RECORD_BYTES_LIMIT) {
    throw new PanSerError('USAGE', `--max-record-size ${flags.maxRecordSize} is too large`, {
      hint: `give at most ${MAX_RECORD_BYTES_LIMIT} bytes`,
    });
  }
  // Everything the user typed is checked before any input is read.
  const zone = flags.tz === undefined ? null : parseZone(flags.tz);
  if (flags.tz !== undefined && zone === null)
    throw usage(
      `--tz "${flags.tz}" is not a time zone`,
      'use UTC, +05:30 or a name such as Europe/Berlin',
    );
  const window = parseWindow(flags, zone ?? AS_LOGGED);
  const terms = parseWhere(flags.where ?? []);
  const filter = compileFilter(terms, window);
  const groupBy = parseGroupBy(flags.groupBy ?? []);
  const bucketMs = flags.bucket === undefined ? null : parseBucket(flags.bucket);
  if (flags.bucket !== undefined && bucketMs === null)
    throw usage(`--bucket "${flags.bucket}" is not a width`, 'e.g. 15m, 1h, 1d or 1w');
  const gates = (flags.failOn ?? []).map(parseGate);
  const renderer = await loadRenderer(flags.format);
  const quiet = flags.quiet === true;
  const thresholds = parseThresholds(flags.threshold ?? []);

  const sink = quiet ? null : await openSink(io.stdout, flags.output, files);
  const progress = progressEnabled(io) ? createProgress(io, files.length) : null;
  // A note written while the progress line is drawn would be glued to its end.
  const note: ErrLine = (line) => {
    progress?.clear();
    err(line);
  };
  let printed = 0;
  let inputErrors = 0;
  let rows = 0;
  let summary: Summary;
  try {
    summary = await analyzeInputs(
      files,
      {
        inputFormat: flags.inputFormat,
        panosVersion: flags.panosVersion,
        maxRecordBytes: flags.maxRecordSize,
        strict: flags.strict,
        parser: flags.parser ?? parserFromEnv(io),
        parallelMinBytes: wholeNumberFromEnv(io, 'PAN_SER_PARALLEL_MIN_BYTES'),
        workerHeapMb: wholeNumberFromEnv(io, 'PAN_SER_WORKER_HEAP_MB'),
        thresholds,
        filter,
        zone,
        aggregator: {
          ...DEFAULT_AGGREGATOR_OPTIONS,
          weight: flags.weight,
          top: Math.max(flags.top, 10),
          keepRejects: flags.maxErrors,
          bucketMs,
          groupBy,
          zoneLabel:
            zone === null
              ? AS_LOGGED.label
              : `${zone.label} (naive log times are read as ${zone.label})`,
          ...(filter === null
            ? {}
            : {
                filter: {
                  where: terms.map((t) => t.text),
                  since: showBound(window.since, zone),
                  until: showBound(window.until, zone),
                },
              }),
        },
      },
      io,
      {
        onReject: (r) => {
          if (flags.strict || quiet) return;
          if (printed < flags.maxErrors) note(escapeTerminal(formatRejectLine(r)));
          else if (printed === flags.maxErrors)
            note(
              'pan-ser: more rejected lines follow; the report counts them all (--max-errors N shows more)',
            );
          printed++;
        },
        onInputError: (e) => {
          inputErrors++;
          note(escapeTerminal(formatErrorLine(e)));
          const stack = debugStack(io.env, e);
          if (stack !== null) note(escapeLines(stack));
        },
        // Only when something needs each record: the record formats, or the progress line's
        // count. Without it a big file may be read by two threads (see analyze.ts).
        ...((sink && renderer.kind === 'records') || progress
          ? {
              onRecord: (c: Classified) => {
                rows++;
                if (sink && renderer.kind === 'records') sink.write(renderer.record(c));
              },
            }
          : {}),
        afterChunk: async (p) => {
          progress?.update(p, rows);
          if (sink) await sink.drain();
        },
      },
    );
  } finally {
    progress?.done();
  }
  // No report when nothing at all could be read; a file that broke part-way still reports the
  // lines before the damage.
  const allFailed = inputErrors === files.length && summary.lines.read === 0;
  if (sink) {
    if (renderer.kind === 'summary' && !allFailed) {
      const view = outputView(io, flags.color, flags.top, flags.output !== undefined);
      sink.write(renderer.render(summary, view));
    }
    await sink.end();
  }
  // A record format prints sessions only, so the line accounting every report carries goes to
  // stderr: the skipped and rejected lines are accounted for there, not silently left out.
  if (sink && renderer.kind === 'records' && !allFailed) {
    const L = summary.lines;
    err(`pan-ser: lines: ${lineAccount(L, escapeTerminal)} ${linesAddUp(L) ? '✓' : '✗'}`);
  }
  const results = evaluateGates(summary, gates);
  for (const r of results) err(escapeTerminal(formatGateResult(r, summary.totals.sessions)));
  if (inputErrors > 0) return EXIT.usageOrInput;
  return results.some((r) => r.breached) ? EXIT.gateBreached : EXIT.ok;
}

function parserFromEnv(io: Io): ParserName {
  const v = io.env.PAN_SER_PARSER;
  if (v === undefined || v === '') return 'fast';
  const known = PARSERS.find((p) => p === v);
  if (known === undefined) {
    throw new PanSerError('USAGE', `unknown PAN_SER_PARSER "${v}"`, {
      hint: `use one of: ${PARSERS.join(', ')}`,
    });
  }
  return known;
}

/** A whole-number environment setting; undefined when unset. */
function wholeNumberFromEnv(io: Io, name: string): number | undefined {
  const v = io.env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) {
    throw new PanSerError('USAGE', `${name} must be a whole number, not "${v}"`);
  }
  return Number(v);
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
