// `pan-ser explain`: every code and alert of decrypt-reason-codes.md (a copy of the shared fact
// sheet, parsed here independently of knowledge/codes.ts) must resolve to the reason it gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, lookupTerm, suggestTerms } from '../src/explain.js';
import { FINDINGS } from '../src/classify/findings.js';
import { TLS_ALERT_NAMES } from '../src/knowledge/codes.js';
import { REASON_KEYS } from '../src/knowledge/reasons.js';
import { FIXTURES, runCli } from './helpers/io.js';

interface Row {
  reason: string;
  source: 'SSL' | 'SSH';
  name: string;
  code: number;
}

/** Parses the three "## decrypt-…" sections: code rows and the named TLS alerts. */
function parseFactSheet(): { codes: Row[]; alerts: Map<string, string>; otherAlerts: string } {
  const md = readFileSync(join(FIXTURES, 'decrypt-reason-codes.md'), 'utf8');
  const codes: Row[] = [];
  const alerts = new Map<string, string>();
  let otherAlerts = '';
  let reason = '';
  for (const line of md.split('\n')) {
    const h = /^## (decrypt-[a-z-]+):/.exec(line);
    if (h) reason = h[1] ?? '';
    if (/^## /.test(line) && !h) reason = '';
    if (reason === '' || !line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const [source = '', name = '', code = ''] = cells;
    if (source === 'SSL' || source === 'SSH') {
      codes.push({ reason, source, name, code: Number(code) });
    } else if (source.startsWith('TLS')) {
      if (/any fatal alert not listed/.test(name)) otherAlerts = reason;
      else for (const a of name.split(',')) alerts.set(a.replace(/\(.*\)/, '').trim(), reason);
    }
  }
  return { codes, alerts, otherAlerts };
}

/** Output blocks of `explain`, keyed by the name on their first line. */
function blocks(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of stdout.split('\n\n')) {
    const m = /^(\S+?):/.exec(b.replace(/^".*\n/, '').trim());
    if (m?.[1]) out.set(m[1], b);
  }
  return out;
}

const sheet = parseFactSheet();

describe('explain walks decrypt-reason-codes.md', () => {
  it('parsed the fact sheet (guards the parser itself)', () => {
    expect(sheet.codes.length).toBe(41); // 5 + 8 + 28 rows in the three tables
    expect(sheet.alerts.size).toBe(8);
    expect(sheet.otherAlerts).toBe('decrypt-error');
  });

  for (const row of sheet.codes) {
    it(`${row.source} ${row.code} ${row.name} → ${row.reason}`, async () => {
      for (const term of [row.name, row.name.toLowerCase(), String(row.code)]) {
        const r = await runCli(['explain', term]);
        expect(r.code, term).toBe(0);
        const block = blocks(r.stdout).get(row.name);
        expect(block, `${term}: ${r.stdout}`).toBeDefined();
        expect(block).toContain(`${row.source} decryption error code ${row.code}`);
        expect(block).toContain(`Leads to the end reason ${row.reason}:`);
      }
    });
  }

  it('shows both meanings of a number both code spaces use (-10)', async () => {
    const shared = sheet.codes.filter((r) => r.code === -10);
    expect(shared.map((r) => r.source).sort()).toEqual(['SSH', 'SSL']);
    const r = await runCli(['explain', '-10']);
    expect(r.stdout).toMatch(/^"-10" names 2 things:/);
    const b = blocks(r.stdout);
    for (const row of shared) expect(b.get(row.name)).toContain(`end reason ${row.reason}:`);
  });

  for (const [alert, reason] of sheet.alerts) {
    it(`TLS alert ${alert} → ${reason}`, async () => {
      const r = await runCli(['explain', alert.toUpperCase()]);
      expect(r.code).toBe(0);
      expect(blocks(r.stdout).get(alert)).toContain(`Leads to the end reason ${reason}:`);
    });
  }

  it(`every other fatal TLS alert → ${sheet.otherAlerts}`, async () => {
    const others = TLS_ALERT_NAMES.filter((a) => !sheet.alerts.has(a));
    expect(others.length).toBeGreaterThan(10);
    for (const alert of others) {
      const r = await runCli(['explain', alert]);
      expect(blocks(r.stdout).get(alert), alert).toContain(
        `Leads to the end reason ${sheet.otherAlerts}:`,
      );
    }
  });
});

describe('explain: other terms', () => {
  it('resolves every end reason and finding id, case-insensitively', async () => {
    for (const term of [...REASON_KEYS, ...Object.keys(FINDINGS)]) {
      const r = await runCli(['explain', term.toUpperCase()]);
      expect(r.code, term).toBe(0);
      expect(r.stdout).toContain(term);
    }
  });

  it('resolves every cause id a finding ranks (decrypt-* causes resolve as reasons)', async () => {
    for (const [id, rule] of Object.entries(FINDINGS)) {
      for (const cause of Object.keys('causes' in rule ? rule.causes : {})) {
        const r = await runCli(['explain', cause]);
        expect(r.code, cause).toBe(0);
        expect(r.stdout, cause).toMatch(
          new RegExp(`^${cause}: (a cause the finding ${id} ranks|Session End Reason)`, 'm'),
        );
      }
    }
  });

  it('lists the codes and alerts behind a decrypt-* reason', async () => {
    const r = await runCli(['explain', 'decrypt-unsupport-param']);
    for (const row of sheet.codes.filter((x) => x.reason === 'decrypt-unsupport-param'))
      expect(r.stdout).toContain(row.name);
  });

  it('decodes a Flags bit and a Flags value', async () => {
    const bit = await runCli(['explain', '0x01000000']);
    expect(bit.stdout).toMatch(/^0x01000000 decrypted: bit of the TRAFFIC Flags field/);
    expect(bit.stdout).toContain('cause decryption');
    const value = await runCli(['explain', '0x1400070']);
    expect(value.stdout).toContain('0x01000000 decrypted');
    expect(value.stdout).toContain('0x00400000 nat');
    expect(value.stdout).toContain('Undocumented bits 0x70');
  });

  it('says "not a known term" with suggestions, exit 2, one stderr line', async () => {
    const r = await runCli(['explain', 'PAN_SSL_ERROR_CERT_ON_HSN']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /"PAN_SSL_ERROR_CERT_ON_HSN" is not a known term \[UNKNOWN_TERM\] \(did you mean PAN_SSL_ERROR_CERT_ON_HSM/,
    );
    const none = await runCli(['explain', 'qqqqqqqq']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/not a known term.*give an end reason/);
  });

  it('echoes a huge unknown term clipped, in one short line', async () => {
    const r = await runCli(['explain', 'a'.repeat(100_000)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.length).toBeLessThan(400);
    expect(r.stderr).toContain(`"${'a'.repeat(80)}…" is not a known term`);
  });

  it('escapes an attacker-shaped term when echoing it', async () => {
    const r = await runCli(['explain', '\u001b[31mx']);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('suggests by edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(suggestTerms('tcp-fni')).toContain('tcp-fin');
    expect(suggestTerms('allow-policy-deni')[0]).toBe('allow-policy-deny');
    expect(lookupTerm('nonsense')).toEqual([]);
  });

  it('golden: -10 and allow-policy-deny', async () => {
    const a = await runCli(['explain', '-10']);
    await expect(a.stdout).toMatchFileSnapshot('golden/explain-minus-10.txt');
    const b = await runCli(['explain', 'allow-policy-deny']);
    await expect(b.stdout).toMatchFileSnapshot('golden/explain-allow-policy-deny.txt');
  });
});
