// `--format json`: the Summary as one versioned, documented object (docs/json-report.md). Same
// input, same bytes out: the Summary's key and row order is already deterministic.
import type { Summary } from '../aggregate/summary.js';

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a terminal CSI),
// bidi overrides and the JS line separators raw; log fields may hold them, and JSON is often
// read on a terminal. As \u escapes they stay the same string to any JSON parser.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the characters above written as \u escapes (same value when parsed). */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    RAW_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderJson(summary: Summary): string {
  return `${safeJson({ tool: 'pan-ser', ...summary }, 2)}\n`;
}
