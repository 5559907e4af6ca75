// `--format json`: the Summary as one versioned, documented object (docs/json-schema.md). Same
// input, same bytes out: the Summary's key and row order is already deterministic.
import type { Summary } from '../aggregate/summary.js';

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a terminal CSI),
// bidi overrides and the JS line separators raw; log fields may hold them, and JSON is often
// read on a terminal. As \u escapes they stay the same string to any JSON parser.
const RAW_UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function renderJson(summary: Summary): string {
  const text = JSON.stringify({ tool: 'pan-ser', ...summary }, null, 2);
  return `${text.replace(RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
