// File kinds pan-ser cannot read, told apart by their first bytes (input/magic.ts).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FOREIGN_KINDS, foreignKind, MAGIC_BYTES } from '../../src/input/magic.js';

describe('foreignKind', () => {
  it('names each kind from its own leading bytes, and only that kind', () => {
    for (const kind of FOREIGN_KINDS) {
      const head = Uint8Array.from([...kind.magic, 0x41, 0x42]);
      expect(foreignKind(head)).toBe(kind);
    }
  });

  it('leaves logs, exports and gzip alone', () => {
    const texts = [
      '<14>Nov 23 10:00:00 fw01 1,2026/11/23 10:00:00,0128,TRAFFIC,end',
      'Domain,Receive Time,Serial #,Type',
      '\ufeffReceive Time,Serial #',
      '1,2026/11/23 10:00:00,0128,TRAFFIC',
      '{"LogType":"TRAFFIC"}',
      'LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|10.1|allow|',
      'BZ', // shorter than any magic
      '',
    ];
    for (const t of texts) expect(foreignKind(Buffer.from(t))).toBeNull();
    expect(foreignKind(gzipSync('1,2,3\n'))).toBeNull();
  });

  it('needs at most MAGIC_BYTES bytes', () => {
    for (const kind of FOREIGN_KINDS) expect(kind.magic.length).toBeLessThanOrEqual(MAGIC_BYTES);
  });
});
