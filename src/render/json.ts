// `--format json`: the Summary as one versioned, documented object (docs/json-schema.md). Same
// input, same bytes out: the Summary's key and row order is already deterministic.
import type { Summary } from '../aggregate/summary.js';

export function renderJson(summary: Summary): string {
  return `${JSON.stringify({ tool: 'pan-ser', ...summary }, null, 2)}\n`;
}
