import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer, type FramedLine } from '../../src/input/lines.js';
import { cutAt } from '../helpers/chunks.js';

function frame(chunks: Buffer[], max = 1000): FramedLine[] {
  const out: FramedLine[] = [];
  const f = new LineFramer(max);
  for (const c of chunks) f.push(c, (l) => out.push(l));
  f.end((l) => out.push(l));
  return out;
}

describe('LineFramer', () => {
  it('numbers LF and CRLF lines and keeps a last line without a line end', () => {
    const got = frame([Buffer.from('a\r\nb\n\nc')]);
    expect(got.map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('does not invent a line after a final line end', () => {
    expect(frame([Buffer.from('a\n')]).length).toBe(1);
    expect(frame([]).length).toBe(0);
  });

  it('reports an over-long line without keeping it, and goes on', () => {
    const got = frame([Buffer.from('x'.repeat(30)), Buffer.from('y'.repeat(30) + '\nok\n')], 50);
    expect(got).toEqual([
      { text: '', line: 1, tooLong: 60 },
      { text: 'ok', line: 2 },
    ]);
  });

  it('gives the same lines however the bytes are chunked (multi-byte UTF-8 too)', () => {
    const text = 'é,ü\r\nTRAFFIC,"a,b"\n\n漢字,x\nlast';
    const whole = frame([Buffer.from(text)]);
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 8 }), (cuts) => {
        expect(frame(cutAt(Buffer.from(text), cuts))).toEqual(whole);
      }),
    );
  });
});
