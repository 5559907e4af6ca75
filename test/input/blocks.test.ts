import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockFramer, ownCopy } from '../../src/input/blocks.js';
import { LineFramer } from '../../src/input/lines.js';
import { cutAt } from '../helpers/chunks.js';

interface Line {
  line: number;
  text: string;
  nul?: boolean;
  cr?: boolean;
  tooLong?: number;
}

/** The reference: LineFramer, with the NUL fact the mapper derives from the text. */
function reference(chunks: Buffer[], max: number): Line[] {
  const out: Line[] = [];
  const f = new LineFramer(max);
  const on = (l: { text: string; line: number; tooLong?: number }) => {
    out.push(
      l.tooLong === undefined
        ? { line: l.line, text: l.text, nul: l.text.includes('\0'), cr: l.text.includes('\r') }
        : { line: l.line, text: '', tooLong: l.tooLong },
    );
  };
  for (const c of chunks) f.push(c, on);
  f.end(on);
  return out;
}

function blocks(chunks: Buffer[], max: number): Line[] {
  const out: Line[] = [];
  const f = new BlockFramer(
    max,
    (src, from, to, line, hasNul, hasCr) =>
      out.push({ line, text: src.slice(from, to), nul: hasNul, cr: hasCr }),
    (line, bytes) => out.push({ line, text: '', tooLong: bytes }),
  );
  for (const c of chunks) f.push(c);
  f.end();
  return out;
}

describe('BlockFramer', () => {
  it('frames like LineFramer: CRLF, a lone CR, blank and last lines, NULs, non-ASCII', () => {
    const text = 'a,b\r\nc\rd\n\n\0x\né,"ü"\nlast';
    const buf = Buffer.from(text);
    expect(blocks([buf], 100)).toEqual(reference([buf], 100));
    expect(blocks([buf], 100).map((l) => l.text)).toEqual([
      'a,b',
      'c\rd',
      '',
      '\0x',
      'é,"ü"',
      'last',
    ]);
  });

  it('equals LineFramer on random bytes, chunkings and size limits', () => {
    const piece = fc.constantFrom('a', ',', '"', '\n', '\r\n', '\r', 'é', '漢', '\0', 'xyz', ' ');
    const bytes = fc.oneof(
      fc.array(piece, { maxLength: 200 }).map((a) => Buffer.from(a.join(''))),
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(
        bytes,
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (buf, cuts, max) => {
          const chunks = cutAt(buf, cuts);
          expect(blocks(chunks, max)).toEqual(reference(chunks, max));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('handles blocks bigger than its decode block, with a line across chunks', () => {
    const line = `${'x,'.repeat(400)}"q,q"\n`;
    const buf = Buffer.from(line.repeat(500) + 'é\n' + line.repeat(300));
    const chunks = cutAt(buf, [70_000, 200_001, 333_333]);
    expect(blocks(chunks, 1 << 20)).toEqual(reference(chunks, 1 << 20));
  });
});

describe('ownCopy', () => {
  it('returns an equal string', () => {
    const big = 'abcdefghijklmnopqrstuvwxyz'.repeat(100);
    const s = big.slice(5, 40);
    expect(ownCopy(s)).toBe(s);
    expect(ownCopy('short')).toBe('short');
  });
});
