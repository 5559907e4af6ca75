// Test helpers for bad input: run `analyze` in-process and split what came out into the JSON
// summary, the per-line reject lines and the other stderr lines, and check the invariants every
// run must keep (accounting, reject lines = report rejects, no stack trace, no raw controls).
import { expect } from 'vitest';
import type { Summary } from '../../src/aggregate/summary.js';
import { escapeTerminal } from '../../src/render/escape.js';
import { runCli, type RunResult } from './io.js';

export interface RejectLine {
  file: string;
  line: number;
  message: string;
  code: string;
}

export interface Outcome extends RunResult {
  summary: Summary | null;
  rejectLines: RejectLine[];
  /** Stderr lines that are not per-line rejects (input errors, notes). */
  otherLines: string[];
}

const REJECT_LINE = /^pan-ser: (.+):(\d+): (.+) \[([A-Z_]+)\]$/;

export function parseStderr(stderr: string): Pick<Outcome, 'rejectLines' | 'otherLines'> {
  const rejectLines: RejectLine[] = [];
  const otherLines: string[] = [];
  for (const l of stderr.split('\n')) {
    if (l === '') continue;
    const m = REJECT_LINE.exec(l);
    if (m) {
      rejectLines.push({
        file: m[1] ?? '',
        line: Number(m[2]),
        message: m[3] ?? '',
        code: m[4] ?? '',
      });
    } else otherLines.push(l);
  }
  return { rejectLines, otherLines };
}

/** Runs `pan-ser analyze --format json …args` and checks the invariants. */
export async function analyze(
  args: string[],
  opts: Parameters<typeof runCli>[1] = {},
): Promise<Outcome> {
  const r = await runCli(['analyze', '--format', 'json', ...args], opts);
  const summary = r.stdout === '' ? null : (JSON.parse(r.stdout) as Summary);
  const out = { ...r, summary, ...parseStderr(r.stderr) };
  checkInvariants(out);
  return out;
}

/** What holds for every run, whatever the input. */
export function checkInvariants(o: Outcome): void {
  expect([0, 2]).toContain(o.code);
  expect(o.stderr).not.toMatch(/\n\s+at /);
  // Raw C0/C1 controls never reach stderr: escapeTerminal turned them into \xNN text.
  // eslint-disable-next-line no-control-regex
  expect(o.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  const s = o.summary;
  if (s === null) return;
  const L = s.lines;
  expect(L.read).toBe(L.analysed + L.skipped + L.rejected);
  for (const i of s.inputs) {
    expect(i.lines.read).toBe(i.lines.analysed + i.lines.skipped + i.lines.rejected);
  }
  expect(s.inputs.reduce((n, i) => n + i.lines.read, 0)).toBe(L.read);
  expect(Object.values(L.skippedBy).reduce((a, b) => a + b, 0)).toBe(L.skipped);
  expect(s.rejects.total).toBe(L.rejected);
  expect(Object.values(s.rejects.byCode).reduce((a, b) => a + b, 0)).toBe(L.rejected);
  expect(s.totals.rows).toBe(L.analysed);
  // The reject lines on stderr are the rejects the report keeps, in order.
  const shown = o.rejectLines.filter((r) => r.code !== 'STRICT_REJECT');
  expect(shown.length).toBeLessThanOrEqual(L.rejected);
  expect(
    shown.map((r) => ({ file: r.file, line: r.line, code: r.code, message: r.message })),
  ).toEqual(
    s.rejects.first
      .slice(0, shown.length)
      .map((r) => ({ ...r, file: escapeTerminal(r.file), message: escapeTerminal(r.message) })),
  );
}

/** `[line, CODE]` pairs of the rejects a run printed. */
export function rejectsOf(o: Outcome): [number, string][] {
  return o.rejectLines.map((r) => [r.line, r.code]);
}
