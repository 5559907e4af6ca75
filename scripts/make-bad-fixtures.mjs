// Writes the small bad-input corpus in fixtures/bad/ from the bundled good samples, so every
// broken file has a known recipe: `node scripts/make-bad-fixtures.mjs`. Deterministic (same bytes
// each run). Big cases (the 10 MB line) are made by the tests in a temp dir, never committed.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const root = new URL('../', import.meta.url);
const out = (name, data) => writeFileSync(new URL(`fixtures/bad/${name}`, root), data);
const read = (p) => readFileSync(new URL(p, root), 'utf8');

// Syslog: the four PAN-OS 8.1 TRAFFIC lines of the Cribl sample (no quoted fields, so a plain
// comma split is exact). Positions (0-based): 3 type, 11 rule, 12 user, 14 app, 30 action,
// 46 session end reason.
const SYS = read('fixtures/samples/cribl-pan-traffic.log').trim().split('\n');
const setField = (line, at, value) => {
  const f = line.split(',');
  f[at] = value;
  return f.join(',');
};
const cut = (line, n) => line.split(',').slice(0, n).join(',');

// CSV export: the first 47 columns of the bundled export (Session End Reason is the last one,
// so a stray CR would show up in it).
const rows = parse(read('fixtures/traffic-export.csv'), { relax_quotes: true });
const csvLine = (cells) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const H = csvLine(rows[0].slice(0, 47));
const R = rows.slice(1, 5).map((r) => r.slice(0, 47));
const row = (i, patch = {}) => {
  const r = [...R[i]];
  for (const [k, v] of Object.entries(patch)) r[Number(k)] = v;
  return r;
};
const lines = (...ls) => ls.join('\n') + '\n';

out(
  'unterminated-quote.log',
  lines(SYS[0], setField(SYS[1], 11, '"splunk'), SYS[2], setField(SYS[3], 11, 'spl"unk')),
);

// Row 1 has a category with a comma; written without quotes it shifts every later column.
const unquoted = R[0].join(',');
// A rule with a comma, unquoted, in a row whose last cell is empty: the one extra cell is empty
// too, but every column after the rule is shifted (the action cell holds the protocol).
const shiftedRow = R[2].map((v, i) => (i === 11 ? 'gp,users' : i === R[2].length - 1 ? '' : v));
const shifted = shiftedRow.join(',');
out(
  'short-and-long-rows.csv',
  lines(
    H,
    csvLine(R[1]),
    csvLine(R[2].slice(0, 20)),
    unquoted,
    csvLine(R[3]) + ',,',
    csvLine(R[2]),
    shifted,
  ),
);
out(
  'short-and-long-rows.log',
  lines(SYS[0], cut(SYS[1], 30), SYS[2] + ',x'.repeat(10), cut(SYS[3], 3)),
);

out('header-only.csv', lines(H));

// Two exports joined with cat: the second repeats the header behind a BOM, with its columns in
// reverse order (another export's column choice), so the rows after it must be re-mapped.
const reversed = (cells) => [...cells].reverse();
out(
  'concatenated-exports.csv',
  lines(
    H,
    csvLine(R[0]),
    csvLine(R[1]),
    '\uFEFF' + csvLine(reversed(rows[0].slice(0, 47))),
    csvLine(reversed(R[2])),
    csvLine(reversed(R[3])),
  ),
);
out('empty.log', '');
out('blank-lines.log', '\n   \n\t\n\r\n');

out('bom.csv', '\uFEFF' + lines(H, csvLine(R[0]), csvLine(R[1]), csvLine(R[2])));
out('bom.log', '\uFEFF' + lines(SYS[0], SYS[1]));

out('crlf-mixed.csv', `${H}\r\n${csvLine(R[0])}\n${csvLine(R[1])}\r\n${csvLine(R[2])}`);
out('cr-only.log', SYS.join('\r') + '\r');

// Junk: bytes from a fixed LCG, without LF, CR, comma, quote or NUL, so it frames as one line
// of one field.
let seed = 42;
const junk = [];
while (junk.length < 200) {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  const b = seed >> 23;
  if (![0, 10, 13, 44, 34].includes(b)) junk.push(b);
}
out(
  'nul-and-junk.log',
  Buffer.concat([
    Buffer.from(`${SYS[0]}\n${setField(SYS[1], 12, 'corp\0admin')}\n`),
    Buffer.from(junk),
    Buffer.from('\n'),
    Buffer.from(`${SYS[3]}\n`),
    // UTF-16 text (a spreadsheet's "Unicode text"): its LF is 0A 00, so a NUL starts line 6.
    Buffer.from(`${SYS[2]}\n`, 'utf16le'),
  ]),
);

const enc = (s) => Buffer.from(s, 'latin1');
out(
  'invalid-utf8.log',
  Buffer.concat([
    enc(setField(setField(SYS[0], 11, 'r\xff\xfeule'), 14, 'web\xc3\x28') + '\n'),
    enc(setField(SYS[1], 12, '\xed\xa0\x80user') + '\n'),
  ]),
);
out('latin1.csv', enc(lines(H, csvLine(row(0, { 11: 'Büro-Zugriff', 12: 'corp\\jürgen' })))));

const many = Buffer.from(lines(...Array.from({ length: 50 }, (_, i) => SYS[i % 4])));
const gz = gzipSync(many, { level: 9 });
out('truncated.log.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
out('corrupt.log.gz', Buffer.concat([gz.subarray(0, 10), Buffer.alloc(64, 0xa5)]));
const badCrc = Buffer.from(gz);
badCrc[badCrc.length - 8] ^= 0xff;
out('bad-crc.log.gz', badCrc);

out(
  'spreadsheet-dates.csv',
  lines(
    H,
    csvLine(
      row(0, { 1: '9/16/19 10:00', 6: '9/16/19 10:00', 21: '9/16/19 10:00', 35: '9/16/19 9:59' }),
    ),
    csvLine(row(1, { 1: '12/31/2019 23:59:07', 6: '12/31/2019 23:59:07' })),
    csvLine(row(2, { 1: '1/2/20 3:04', 6: '1/2/20 3:04' })),
  ),
);

out(
  'unknown-values.log',
  lines(
    setField(SYS[0], 46, 'flux-capacitor'),
    setField(SYS[1], 30, 'teleport'),
    setField(SYS[2], 3, 'FOOBAR'),
    setField(SYS[3], 3, 'not a type'),
  ),
);
out(
  'unknown-values.csv',
  lines(
    H,
    csvLine(row(0, { 46: 'flux-capacitor' })),
    csvLine(row(1, { 30: 'teleport' })),
    csvLine(row(2, { 3: 'FOOBAR' })),
    csvLine(row(3, { 3: 'not a type' })),
  ),
);

// Several releases, header forms and log types in one stream, as a collector forwards them.
const sample = (f) => read(`fixtures/samples/${f}`).trim().split('\n');
const wazuh = sample('wazuh-paloalto-csv.log');
const leef = read('../shared/samples/wazuh__wazuh/paloalto.ini.leef-e0f7c360c0')
  .split('\n')
  .find((l) => l.includes('LEEF:'))
  .replace(/^log \d+ pass = /, '');
out(
  'mixed-syslog.log',
  lines(
    SYS[0],
    ...sample('elastic-beats-pan-inc-traffic-ietf.log').slice(0, 2),
    wazuh[0],
    ...sample('elastic-beats-traffic-nanos-time.log'),
    ...sample('sekoia-intake-formats-csv.log'),
    ...['THREAT', 'SYSTEM'].map((t) =>
      wazuh.find((l) => l.includes(`,${t},`) && l.split(',').length > 20),
    ),
    leef,
    'CEF:0|Palo Alto Networks|LF|2.0|TRAFFIC|end|3|rt=Feb 27 2021 20:16:21 src=10.0.0.1,dst=10.0.0.2',
    SYS[1],
  ),
);

// Hostile field values: terminal escape sequences (CSI, OSC 8 hyperlink, OSC 52 clipboard, C1
// CSI), bidi overrides and a formula, each in a field the report prints.
const ESC = '\x1b';
out(
  'hostile.log',
  lines(
    setField(
      setField(SYS[0], 12, `${ESC}]8;;http://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`),
      11,
      `${ESC}[2J${ESC}[31mpwned`,
    ),
    setField(setField(SYS[1], 14, '\u009b31mc1-csi'), 16, `${ESC}]52;c;ZWNobyBwd25lZA==\x07`),
    setField(setField(SYS[2], 46, `tcp-fin${ESC}[8m`), 30, 'allow\u202egnp.exe'),
    setField(SYS[3], 11, csvLine(['=HYPERLINK("http://evil.example","x")'])),
    setField(SYS[3], 3, `${ESC}[31mTRAFFIC`),
    // An allowed session ended by policy-deny: a finding, whose examples print rule and user.
    setField(setField(SYS[0], 46, 'policy-deny'), 11, `${ESC}[5mblink-rule`),
  ),
);
