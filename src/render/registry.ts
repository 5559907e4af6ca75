// Output formats by name: what `--format` accepts and which renderer serves it. Summary formats
// turn the finished Summary into text; record formats write one line per analysed session as the
// analysis streams. Adding a format = one file under render/ and one entry here. A renderer is
// loaded only when its format is chosen: a run then loads neither the terminal table's libraries
// nor the HTML page's code unless it prints them.
import type { Summary } from '../aggregate/summary.js';
import type { Classified } from '../model.js';
import type { View } from './view.js';

export type Renderer =
  | { readonly kind: 'summary'; readonly render: (s: Summary, view: View) => string }
  | { readonly kind: 'records'; readonly record: (c: Classified) => string };

const summary = (render: (s: Summary, view: View) => string): Renderer => ({
  kind: 'summary',
  render,
});

const LOADERS = {
  table: async () => summary((await import('./table.js')).renderTable),
  json: async () => {
    const { renderJson } = await import('./json.js');
    return summary((s) => renderJson(s));
  },
  ndjson: async (): Promise<Renderer> => ({
    kind: 'records',
    record: (await import('./ndjson.js')).ndjsonLine,
  }),
  csv: async () => summary((await import('./csv.js')).renderCsv),
  markdown: async () => summary((await import('./markdown.js')).renderMarkdown),
  html: async () => summary((await import('./html.js')).renderHtml),
} as const satisfies Record<string, () => Promise<Renderer>>;

export type FormatName = keyof typeof LOADERS;

export const FORMAT_NAMES = Object.keys(LOADERS) as readonly FormatName[];

/** The renderer of a format, loaded on first use. */
export function loadRenderer(name: FormatName): Promise<Renderer> {
  return LOADERS[name]();
}
