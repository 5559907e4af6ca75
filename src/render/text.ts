// Plain-text helpers shared by the renderers: number and byte formatting, word wrap, the list of
// unrecognized values. Pure; no colour and no escaping here (callers escape log-derived text
// first), and no library: any renderer can use it without loading the terminal table's.
import type { GroupRow, Summary } from '../aggregate/summary.js';

/**
 * `N read = A analysed + S skipped (by kind) + R rejected`: the line accounting, with the skipped
 * kinds passed through `esc` (they name log types read from the input).
 */
export function lineAccount(L: Summary['lines'], esc: (s: string) => string): string {
  const skippedBy = Object.entries(L.skippedBy)
    .map(([k, v]) => `${esc(k.replace(/^\((.*)\)$/, '$1'))} ${num(v)}`)
    .join(', ');
  return `${num(L.read)} read = ${num(L.analysed)} analysed + ${num(L.skipped)} skipped${skippedBy ? ` (${skippedBy})` : ''} + ${num(L.rejected)} rejected`;
}

/** True when the lines read are all accounted for (analysed, skipped or rejected). */
export function linesAddUp(L: Summary['lines']): boolean {
  return L.read === L.analysed + L.skipped + L.rejected;
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u] ?? ''}`;
}

/** Word-wraps plain text to `width` columns with a first-line and a continuation indent. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let cur = first;
  let fresh = true;
  for (const word of text.split(/\s+/)) {
    if (!fresh && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = rest + word;
    } else {
      cur += (fresh ? '' : ' ') + word;
    }
    fresh = false;
  }
  lines.push(cur);
  return lines;
}

/** The raw end reasons and actions the tables do not know, for every report to list. */
export const UNRECOGNIZED_TITLE = 'Unrecognized values (counted, not understood)';
export function unrecognizedValues(s: Summary): (readonly ['end reason' | 'action', GroupRow])[] {
  return [
    ...s.unrecognized.reasons.map((r) => ['end reason', r] as const),
    ...s.unrecognized.actions.map((r) => ['action', r] as const),
  ];
}
