// escape.ts, per medium: examples for each rule, and properties over arbitrary text (control
// characters, lone surrogates, markup) that state what the medium must never receive raw.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeCsvCell,
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
} from '../../src/render/escape.js';
import { safeJson } from '../../src/render/json.js';

/**
 * Characters a terminal acts on: C0 (incl. ESC, BEL, CR, LF, TAB), DEL, C1, bidi controls (with
 * the Arabic letter mark), and the Unicode line and paragraph separators.
 */
const TERMINAL_RAW =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  // Dense in the characters that matter.
  fc.string({
    unit: fc.constantFrom(
      '\u001b',
      '[',
      ']',
      '\u0007',
      '\u009b',
      '\u202e',
      '\u061c',
      '\u2028',
      '\r',
      '\n',
      '\t',
      '=',
      '+',
      '-',
      '@',
      '"',
      ',',
      '|',
      '`',
      '<',
      '>',
      '&',
      "'",
      'a',
      ' ',
    ),
    maxLength: 40,
  }),
);

describe('escapeTerminal', () => {
  it('turns ANSI CSI, OSC 8 / OSC 52, C1 CSI and bidi overrides into visible text', () => {
    expect(escapeTerminal('\u001b[2J\u001b[31mred')).toBe('\\x1b[2J\\x1b[31mred');
    expect(escapeTerminal('\u001b]8;;http://x\u0007y')).toBe('\\x1b]8;;http://x\\x07y');
    expect(escapeTerminal('\u009b31m')).toBe('\\x9b31m');
    expect(escapeTerminal('abc\u202Etxt.exe')).toBe('abc\\u202etxt.exe');
    expect(escapeTerminal('a\r\nb\tc\u007f')).toBe('a\\x0d\\x0ab\\x09c\\x7f');
  });

  it('shows the Arabic letter mark (a bidi control) and the Unicode line separators', () => {
    expect(escapeTerminal('a\u061cb\u2028c\u2029d')).toBe('a\\u061cb\\u2028c\\u2029d');
  });

  it('leaves printable text, including non-ASCII, unchanged', () => {
    expect(escapeTerminal('Büro → 東京 corp\\admin "x"')).toBe('Büro → 東京 corp\\admin "x"');
  });

  it('never lets a terminal control through, and changes nothing else', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeTerminal(s);
        expect(out).not.toMatch(TERMINAL_RAW);
        // Safe characters pass one for one: removing the escapes of unsafe ones gives back
        // the input with those characters removed.
        const safeOnly = Array.from(s)
          .filter((c) => !TERMINAL_RAW.test(c))
          .join('');
        expect(out.replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g, '')).toBe(
          safeOnly.replace(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/g, ''),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeCsvCell', () => {
  it('defuses cells a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = `${lead}HYPERLINK("http://evil","x")`;
      const parsed = parseCell(escapeCsvCell(cell));
      expect(parsed).toBe(`'${cell}`);
    }
    expect(escapeCsvCell('allow-web')).toBe('allow-web');
  });

  it('quotes cells holding commas, quotes or line breaks', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('a\nb')).toBe('"a\nb"');
  });

  it('any text reads back as one cell: itself, or itself behind a defusing quote', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const cell = parseCell(escapeCsvCell(s));
        const defused = /^[=+\-@\t\r]/.test(s);
        expect(cell).toBe(defused ? `'${s}` : s);
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 2000 },
    );
  });
});

/** One CSV cell as a spreadsheet would read it (a row of that cell and a marker). */
function parseCell(text: string): string {
  const rows: string[][] = parse(`${text},END\n`, { relax_column_count: true });
  expect(rows).toHaveLength(1);
  expect(rows[0]?.[1]).toBe('END');
  return rows[0]?.[0] ?? '';
}

describe('escapeHtml', () => {
  it('escapes markup, quotes and backticks', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;',
    );
    expect(escapeHtml("a'b`c&d")).toBe('a&#39;b&#96;c&#38;d');
  });

  it('no markup character survives raw; every & starts an entity', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"'`]/);
        expect(out.replace(/&#\d+;/g, '')).not.toContain('&');
        expect(out).not.toMatch(TERMINAL_RAW);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeMarkdown', () => {
  it('escapes pipes and backticks so a value cannot break a table or open code', () => {
    expect(escapeMarkdown('a|b`c`')).toBe('a\\|b\\`c\\`');
    expect(escapeMarkdown('[x](http://evil)')).toBe('\\[x\\](http://evil)');
  });

  it('escapes & so a character reference cannot bring back a bidi override or markup', () => {
    // Rendered Markdown decodes &#x202E; to U+202E (right-to-left override): "evil\u202egpj.exe"
    // would show as "evilexe.jpg".
    expect(escapeMarkdown('evil&#x202E;gpj.exe')).toBe('evil\\&\\#x202E;gpj.exe');
    expect(escapeMarkdown('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
  });

  it('escapes $ so a value cannot open math (GitHub draws $\\text{…}$ as any text)', () => {
    expect(escapeMarkdown('$\\text{allow-all}$')).toBe('\\$\\\\text\\{allow-all\\}\\$');
  });

  it('every pipe and backtick is escaped, and the cell stays on one line', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeMarkdown(s);
        // Drop escaped pairs; no bare | or ` may remain.
        expect(out.replace(/\\[\s\S]/g, '')).not.toMatch(/[|`]/);
        expect(out).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('safeJson', () => {
  it('writes the Arabic letter mark (a bidi control) as a \\u escape, the same value parsed', () => {
    const out = safeJson({ rule: 'a\u061cb\u202ec' });
    expect(out).toBe('{"rule":"a\\u061cb\\u202ec"}');
    expect(JSON.parse(out)).toEqual({ rule: 'a\u061cb\u202ec' });
  });
});
