// No regular expression in src/ can backtrack catastrophically on attacker text. Two checks:
// a structural audit of every regex literal (no unbounded quantifier over a group that itself
// repeats or alternates; unanchored patterns only where reviewed), and every regex-using
// function fed 100k-character adversarial strings. The time bound there is deliberately loose:
// it catches exponential blow-ups (years), not speed regressions (the bench does those).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { positiveInt } from '../../src/commands/shared.js';
import { normalizeAction } from '../../src/knowledge/actions.js';
import { parseFlags } from '../../src/knowledge/flags.js';
import { looksLikeLogType } from '../../src/knowledge/log-types.js';
import { countKnownHeaders, normalizeHeader } from '../../src/fields/headers.js';
import { configVersionHint, layoutForRelease } from '../../src/fields/layout-pick.js';
import { createMapper } from '../../src/fields/map.js';
import { parseLogTime } from '../../src/fields/time.js';
import { parseKv } from '../../src/input/kv.js';
import { splitSyslogPrefix } from '../../src/input/syslog.js';
import {
  escapeCsvCell,
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
} from '../../src/render/escape.js';
import { wrap } from '../../src/render/table.js';
import { ROOT } from '../helpers/io.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

interface Found {
  file: string;
  pattern: string;
}

/** Every regex literal in src/, found by the TypeScript scanner (not by a regex). */
function regexLiterals(): Found[] {
  const out: Found[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const lit = node.text;
        out.push({ file: file.slice(ROOT.length), pattern: lit.slice(1, lit.lastIndexOf('/')) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Flags a group that is repeated without bound (`*`, `+`, `{n,}`) and itself holds a
 * quantifier or an alternation: the shapes (a+)+, (a|a)*, (a*b?)* whose backtracking explodes.
 */
export function nestedUnboundedRepeat(pattern: string): boolean {
  const stack: { quantified: boolean }[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Skip a character class: its contents are not operators.
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') {
        if (pattern[i] === '\\') i++;
        i++;
      }
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: quantifiedInside });
      quantifiedInside = false;
      continue;
    }
    if (c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      // `(?` opens a group kind, not a quantifier.
      if (!(c === '?' && pattern[i - 1] === '(')) quantifiedInside = true;
      continue;
    }
    if (c === ')') {
      const inner: boolean = quantifiedInside;
      const outer = stack.pop();
      const next = pattern.slice(i + 1);
      const unbounded = /^(?:[*+]|\{\d+,\})/.test(next);
      if (unbounded && inner) return true;
      const outerQuantified = outer === undefined ? false : outer.quantified;
      const quantifiedNext = /^[*+?{]/.test(next);
      quantifiedInside = outerQuantified || inner || quantifiedNext;
    }
  }
  return false;
}

/** Unanchored patterns, each reviewed: why a failing scan stays linear. */
const REVIEWED_UNANCHORED: Readonly<Record<string, string>> = {
  '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]':
    'one character class, no quantifier',
  '[\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]':
    'one character class, no quantifier',
  '[&<>"\'`]': 'one character class',
  '[",\\r\\n]': 'one character class',
  '"': 'one character',
  '[\\\\`*_{}[\\]<>|#!~&$]': 'one character class',
  '\\s+': 'a run of one class: each match consumes it, a failing position fails at once',
  '[\\s_]+': 'a run of one class, as above',
  '[^a-z0-9]': 'one character class',
  '(?:LEEF|CEF):': 'fixed width',
  '(?:^|\\s)LEEF:(\\d(?:\\.\\d)?)\\|': 'fixed width (at most 10 characters) at each position',
  '(?:^|\\s)CEF:\\d+\\|':
    'the digit run starts only after "CEF:", so runs tried from different positions never overlap',
  '(?:^| )([A-Za-z0-9_.-]+)=':
    'a key run starts only at the start or after a space, which the run cannot hold: runs never overlap',
  '\\\\([\\\\=nr])': 'fixed width',
  'unexpected end of file': 'a literal, and applied to zlib error messages, not to log text',
  ' (?:GMT|UTC)$': 'fixed width, anchored at the end',
  '`': 'one character',
  '\\s+(?=[a-z][a-z0-9_-]*(?:!=|=~|!~|<=|>=|=|<|>))':
    'splits --where arguments the user typed, never log text',
  '\\\\[1-9]|\\\\k<': 'fixed width; looks for backreferences in a --where pattern',
  '(\\.\\d{3})\\d+':
    'applied only to text that already matched the anchored ISO_ZONED pattern (≤ 40 chars)',
};

describe('regular expressions on attacker text', () => {
  const found = regexLiterals();

  it('the audit finds the regexes (scanner works)', () => {
    expect(found.length).toBeGreaterThan(10);
    expect(found.map((f) => f.pattern)).toContain('^\\d{1,6} (?=<)');
  });

  it('the nesting check catches the classic catastrophic shapes', () => {
    for (const bad of ['(a+)+$', '^(a|aa)*$', '(\\d*\\.?)+x', '^(?:[a-z]+,?){2,}$']) {
      expect(nestedUnboundedRepeat(bad), bad).toBe(true);
    }
    for (const ok of ['^\\d{1,6} (?=<)', '^(?:a|b)c+$', '(?::(\\d{2}))?$', '[(a+)+]']) {
      expect(nestedUnboundedRepeat(ok), ok).toBe(false);
    }
  });

  it('no regex in src/ repeats a repeating or alternating group without bound', () => {
    const bad = found.filter((f) => nestedUnboundedRepeat(f.pattern));
    expect(bad).toEqual([]);
  });

  it('every unanchored regex in src/ was reviewed for linear failure', () => {
    const unreviewed = found.filter(
      (f) => !f.pattern.startsWith('^') && REVIEWED_UNANCHORED[f.pattern] === undefined,
    );
    expect(unreviewed).toEqual([]);
  });

  it('the reviewed list holds no pattern src/ no longer uses', () => {
    const used = new Set(found.map((f) => f.pattern));
    expect(Object.keys(REVIEWED_UNANCHORED).filter((p) => !used.has(p))).toEqual([]);
  });

  it('no regex is built from strings at run time, but the vetted --where pattern', () => {
    // slice/where.ts compiles the user's own `--where field=~pattern` after refusing nested
    // quantifiers and backreferences, and matches it against at most 4096 characters.
    const allowed = new Set(['src/slice/where.ts']);
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const built = /\bRegExp\s*\(/.test(readFileSync(file, 'utf8'));
      expect(built, file).toBe(allowed.has(file.slice(ROOT.length)));
    }
  });

  it('every regex-using function finishes on 100k-character adversarial strings', () => {
    const N = 100_000;
    const evil = [
      '1'.repeat(N) + 'x',
      ' '.repeat(N) + 'x',
      '\t '.repeat(N / 2) + '!',
      '<1>'.repeat(N / 3),
      '9/'.repeat(N / 2),
      `2020-01-01T00:00:00.${'1'.repeat(N)}x`,
      `2020/01/01 ${'1'.repeat(N)}`,
      'LEEF:'.repeat(N / 5),
      ' CEF'.repeat(N / 4),
      `CEF:0|a|b|c|d|e|1|${'k=v '.repeat(N / 4)}`,
      `CEF:0|a|b|c|d|e|1|${'a'.repeat(N)}`,
      `LEEF:2.0|a|b|c|d|^|${'k=v^'.repeat(N / 4)}`,
      `LEEF:1.0|a|b|c|d|${'\\|'.repeat(N / 2)}`,
      ` CEF:${'1'.repeat(N)}`,
      '_ '.repeat(N / 2) + '-',
      'A'.repeat(N) + '1',
      '0x' + 'f'.repeat(N),
      '"'.repeat(N),
      ',"'.repeat(N / 2),
      '\u001b['.repeat(N / 2),
      '=' + '|`'.repeat(N / 2),
    ];
    const start = performance.now();
    for (const s of evil) {
      parseLogTime(s);
      parseKv(s);
      splitSyslogPrefix(s);
      normalizeAction(s);
      parseFlags(s);
      looksLikeLogType(s);
      configVersionHint(s);
      layoutForRelease(s);
      normalizeHeader(s);
      countKnownHeaders([s, s]);
      escapeTerminal(s);
      escapeHtml(s);
      escapeCsvCell(s);
      escapeMarkdown(s);
      wrap(s, 80, '', '  ');
      expect(() => positiveInt('--n')(s)).toThrow();
      const m = createMapper('evil.log', { inputFormat: 'auto' });
      m.map(s, 1);
      m.map(`${s},${s},${s},${s}`, 2);
    }
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});
