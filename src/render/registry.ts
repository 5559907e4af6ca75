// Output formats by name: what `--format` accepts and which renderer serves it. Summary formats
// turn the finished Summary into text; record formats write one line per analysed session as the
// analysis streams. Adding a format = one file under render/ and one entry here.
import type { Summary } from '../aggregate/summary.js';
import type { Classified } from '../model.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { ndjsonLine } from './ndjson.js';
import { renderTable } from './table.js';
import type { View } from './view.js';

export type Renderer =
  | { readonly kind: 'summary'; readonly render: (s: Summary, view: View) => string }
  | { readonly kind: 'records'; readonly record: (c: Classified) => string };

export const RENDERERS = {
  table: { kind: 'summary', render: renderTable },
  json: { kind: 'summary', render: (s: Summary) => renderJson(s) },
  ndjson: { kind: 'records', record: ndjsonLine },
  csv: { kind: 'summary', render: renderCsv },
  markdown: { kind: 'summary', render: renderMarkdown },
  html: { kind: 'summary', render: renderHtml },
} as const satisfies Record<string, Renderer>;

export type FormatName = keyof typeof RENDERERS;

export const FORMAT_NAMES = Object.keys(RENDERERS) as readonly FormatName[];
