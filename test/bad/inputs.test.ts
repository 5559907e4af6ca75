// Inputs that cannot be read: a directory, a path through a file, a socket, a file whose read
// fails, missing files among good ones, and pipes (bash process substitution). Tests run as root, where chmod 000 does not
// stop a read, so "unreadable" is made of things no user can read. A FIFO without a writer would
// hang the open, so pipes are only tested with a writer (bash <(…)).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/io.js';
import { analyze } from '../helpers/outcome.js';
import { tempDir } from '../helpers/temp.js';

const GOOD = 'fixtures/samples/cribl-pan-traffic.log';
const GOOD_LINES = 4;
const dir = tempDir('pan-ser-inputs-');
let server: Server;
const sock = join(dir, 'log.sock');
// Kinds pan-ser names by their first bytes (input/magic.ts) instead of rejecting each "line".
const zip = join(dir, 'logs.zip');
writeFileSync(zip, Buffer.from('PK\x03\x04\x14\x00\x00\x00traffic.csv', 'latin1'));
const xz = join(dir, 'traffic.log.xz');
writeFileSync(xz, Buffer.from('\xfd7zXZ\x00\x00\x04', 'latin1'));

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(sock, resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe('inputs that cannot be read', () => {
  const cases: [what: string, path: string, message: RegExp][] = [
    ['a directory', 'fixtures/bad', /is a directory, not a log file/],
    ['a path through a file', `${GOOD}/x.log`, /a part of the path is a file/],
    ['a socket', sock, /is a socket, not a log file/],
    ['a missing file', 'no-such.log', /no such file/],
    ['a ZIP archive', zip, /is a ZIP archive .*unzip -p .*logs\.zip \| pan-ser analyze -/],
    ['an xz file', xz, /is xz-compressed .*xzcat .*traffic\.log\.xz \| pan-ser analyze -/],
    // Readable by mode even for root, but reading at offset 0 fails with EIO (Linux).
    ...(existsSync('/proc/self/mem')
      ? [
          ['a file whose read fails', '/proc/self/mem', /cannot open: EIO/] as [
            string,
            string,
            RegExp,
          ],
        ]
      : []),
  ];
  for (const [what, path, message] of cases) {
    it(`${what}: one line naming it, exit 2, no report when it is the only input`, async () => {
      const o = await analyze([path]);
      expect(o.code).toBe(2);
      expect(o.stdout).toBe('');
      expect(o.otherLines).toHaveLength(1);
      const line = o.otherLines[0] ?? '';
      expect(line.startsWith(`pan-ser: ${path}: `)).toBe(true);
      expect(line).toMatch(message);
      expect(line).toMatch(/\[INPUT_UNREADABLE\] \(.+\)$/);
    });
  }

  it('all of them among good files: each named once, the good ones reported, exit 2', async () => {
    const bad = cases.map((c) => c[1]);
    const o = await analyze([bad[0] ?? '', GOOD, ...bad.slice(1), GOOD]);
    expect(o.code).toBe(2);
    expect(o.otherLines).toHaveLength(bad.length);
    bad.forEach((p, i) => {
      expect(o.otherLines[i]).toContain(`pan-ser: ${p}: `);
    });
    const s = o.summary;
    expect(s?.lines.analysed).toBe(2 * GOOD_LINES);
    expect(s?.inputs.map((i) => i.error !== null)).toEqual([
      true,
      false,
      ...bad.slice(1).map(() => true),
      false,
    ]);
  });
});

describe('pipes', () => {
  const bash = (script: string) =>
    spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

  it('reads bash process substitution, plain and gzip, without losing bytes', () => {
    const r = bash(`node bin/pan-ser.js analyze --format json <(cat ${GOOD}) <(gzip -c ${GOOD})`);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { lines: { analysed: number; rejected: number } };
    expect(s.lines).toMatchObject({ analysed: 2 * GOOD_LINES, rejected: 0 });
  });

  it('reads gzip on standard input', () => {
    const r = bash(`gzip -c ${GOOD} | node bin/pan-ser.js analyze --format json -`);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { lines: { analysed: number } }).lines.analysed).toBe(
      GOOD_LINES,
    );
  });

  it('a broken gzip on stdin is an input error with the lines before it reported', () => {
    const r = bash(
      `{ gzip -c ${GOOD} | head -c 300; } | node bin/pan-ser.js analyze --format json -`,
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pan-ser: -: gzip data is corrupt or cut short/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('bzip2 on standard input is named, with the command that reads it, exit 2', () => {
    const r = bash(`printf 'BZh91AY&SY' | node bin/pan-ser.js analyze -`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'pan-ser: -: is bzip2-compressed [INPUT_UNREADABLE] (decompress it into standard input: bzcat FILE | pan-ser analyze -)\n',
    );
  });
});
