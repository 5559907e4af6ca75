// gunzipMembers against zlib's own gunzip: same bytes for intact input however it is chunked, and
// for damaged input every byte before the damage, then a GzipError saying where it is.
import fc from 'fast-check';
import { crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipError, gunzipMembers } from '../../src/input/gunzip.js';
import { cutAt } from '../helpers/chunks.js';

interface Run {
  out: Buffer;
  error: GzipError | null;
}

async function* chunksOf(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

/** Everything gunzipMembers yields for `parts`, and what it threw. */
async function gunzip(parts: Buffer[]): Promise<Run> {
  const got: Buffer[] = [];
  try {
    for await (const b of gunzipMembers(chunksOf(parts))) got.push(b);
    return { out: Buffer.concat(got), error: null };
  } catch (e) {
    if (!(e instanceof GzipError)) throw e;
    return { out: Buffer.concat(got), error: e };
  }
}

/** A gzip member written by hand, with the optional header fields zlib's gzipSync never sets. */
function member(
  data: Buffer,
  opt: { extra?: Buffer; name?: string; comment?: string; hcrc?: boolean } = {},
): Buffer {
  let flags = 0;
  const fields: Buffer[] = [];
  if (opt.extra) {
    flags |= 0x04;
    const len = Buffer.alloc(2);
    len.writeUInt16LE(opt.extra.length);
    fields.push(len, opt.extra);
  }
  if (opt.name !== undefined) {
    flags |= 0x08;
    fields.push(Buffer.from(`${opt.name}\0`, 'latin1'));
  }
  if (opt.comment !== undefined) {
    flags |= 0x10;
    fields.push(Buffer.from(`${opt.comment}\0`, 'latin1'));
  }
  if (opt.hcrc === true) flags |= 0x02;
  const head = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]), ...fields]);
  const hcrc = Buffer.alloc(opt.hcrc === true ? 2 : 0);
  if (opt.hcrc === true) hcrc.writeUInt16LE(crc32(head) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([head, hcrc, deflateRawSync(data), trailer]);
}

const lines = (n: number, tag: string): Buffer =>
  Buffer.from(
    Array.from({ length: n }, (_, i) => `${tag},${i},${'x'.repeat(i % 97)},TRAFFIC\n`).join(''),
  );

const A = lines(3000, 'a'); // about 150 KB inflated: more than one inflater step
const B = lines(500, 'b');

describe('gunzipMembers on intact input', () => {
  it('yields what zlib yields, one member or several, cut anywhere', async () => {
    const variants = [
      gzipSync(A),
      Buffer.concat([gzipSync(A), gzipSync(B)]),
      Buffer.concat([member(B, { name: 'b.log', comment: 'c', extra: Buffer.from('xyz') })]),
      Buffer.concat([member(A, { hcrc: true, name: 'a' }), member(Buffer.alloc(0)), gzipSync(B)]),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: variants.length - 1 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (which, cuts) => {
          const gz = variants[which] ?? Buffer.alloc(0);
          const r = await gunzip(cutAt(gz, cuts));
          expect(r.error).toBeNull();
          expect(r.out.equals(gunzipSync(gz))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads input cut where a deflate stream, a trailer or a member ends', async () => {
    const a = gzipSync(A);
    const gz = Buffer.concat([a, gzipSync(B)]);
    const end = a.length;
    for (const cuts of [
      [end - 8],
      [end - 8, end],
      [end - 4],
      [end],
      [end + 1],
      [end - 8, end - 7],
    ]) {
      const r = await gunzip(cutAt(gz, cuts));
      expect(r.error).toBeNull();
      expect(r.out.equals(Buffer.concat([A, B]))).toBe(true);
    }
  });

  it('reads a header split into one-byte chunks', async () => {
    const gz = member(B, { extra: Buffer.alloc(300, 7), name: 'n', comment: 'c', hcrc: true });
    const parts = [...gz.subarray(0, 400)].map((b) => Buffer.from([b]));
    const r = await gunzip([...parts, gz.subarray(400)]);
    expect(r.error).toBeNull();
    expect(r.out.equals(B)).toBe(true);
  });

  it('ignores zero bytes from the end of a member to the end of the input, as gzip(1) does', async () => {
    const gz = Buffer.concat([gzipSync(A), Buffer.alloc(5000)]);
    for (const cuts of [[], [gz.length - 5000], [gz.length - 4000, gz.length - 10]]) {
      const r = await gunzip(cutAt(gz, cuts));
      expect(r.error).toBeNull();
      expect(r.out.equals(A)).toBe(true);
    }
  });
});

describe('gunzipMembers on damaged input', () => {
  const first = gzipSync(A);

  /** Runs `gz` whole and cut at the member boundary; both must give the same. */
  async function bothWays(gz: Buffer): Promise<Run> {
    const whole = await gunzip([gz]);
    const cut = await gunzip(cutAt(gz, [first.length]));
    expect(cut.out.equals(whole.out)).toBe(true);
    expect(cut.error?.message).toBe(whole.error?.message);
    return whole;
  }

  it('junk after an intact member: all of the member, then the junk and where it starts', async () => {
    const r = await bothWays(Buffer.concat([first, Buffer.from('JUNK after the end\n')]));
    expect(r.out.equals(A)).toBe(true);
    expect(r.error?.code).toBe('Z_DATA_ERROR');
    expect(r.error?.message).toBe(
      `junk after the end of gzip member 1, from byte offset ${first.length}`,
    );
  });

  it('zero padding followed by junk is junk, where the junk starts', async () => {
    const r = await bothWays(Buffer.concat([first, Buffer.alloc(100), Buffer.from('x')]));
    expect(r.out.equals(A)).toBe(true);
    expect(r.error?.message).toBe(
      `junk after the end of gzip member 1, from byte offset ${first.length + 100}`,
    );
  });

  it('an intact member, then a member whose deflate data is bad from its first byte', async () => {
    const bad = Buffer.concat([gzipSync(B).subarray(0, 10), Buffer.from([0xff, 0xff, 0xff])]);
    const r = await bothWays(Buffer.concat([first, bad]));
    expect(r.out.equals(A)).toBe(true);
    expect(r.error?.code).toBe('Z_DATA_ERROR');
    expect(r.error?.message).toBe('invalid block type in gzip member 2');
  });

  it('an intact member, then a second header zlib refuses', async () => {
    const badMethod = Buffer.from(gzipSync(B));
    badMethod[2] = 7;
    const badFlags = Buffer.from(gzipSync(B));
    badFlags[3] = 0x20;
    const hcrc = member(B, { hcrc: true });
    hcrc[10] = (hcrc[10] ?? 0) ^ 1;
    for (const [second, what] of [
      [badMethod, 'unknown compression method'],
      [badFlags, 'unknown header flags set'],
      [hcrc, 'header crc mismatch'],
    ] as const) {
      const r = await bothWays(Buffer.concat([first, second]));
      expect(r.out.equals(A)).toBe(true);
      expect(r.error?.message).toBe(`${what} in gzip member 2`);
    }
  });

  it('bytes that start like the magic but are not a member are junk', async () => {
    for (const tail of [[0x1f], [0x1f, 0x00, 8], [0x1f, 0x8c]]) {
      const r = await bothWays(Buffer.concat([first, Buffer.from(tail)]));
      expect(r.out.equals(A)).toBe(true);
      expect(r.error?.message).toBe(
        `junk after the end of gzip member 1, from byte offset ${first.length}`,
      );
    }
  });

  it('a bad CRC-32 or length: all the data, then the check that failed', async () => {
    const crc = Buffer.from(first);
    crc[crc.length - 8] = (crc[crc.length - 8] ?? 0) ^ 0xff;
    const len = Buffer.from(first);
    len[len.length - 1] = (len[len.length - 1] ?? 0) ^ 0xff;
    for (const [gz, what] of [
      [crc, 'incorrect data check'],
      [len, 'incorrect length check'],
    ] as const) {
      const r = await gunzip([gz]);
      expect(r.out.equals(A)).toBe(true);
      expect(r.error?.message).toBe(`${what} in gzip member 1`);
    }
  });

  it('cut short in the header, the data or the trailer: Z_BUF_ERROR naming the part', async () => {
    const two = Buffer.concat([first, gzipSync(B)]);
    const cases: [Buffer, RegExp][] = [
      [
        two.subarray(0, first.length + 5),
        /^unexpected end of file in the header of gzip member 2$/,
      ],
      [
        first.subarray(0, first.length - 3),
        /^unexpected end of file in the trailer of gzip member 1$/,
      ],
      [
        first.subarray(0, first.length - 8),
        /^unexpected end of file in the trailer of gzip member 1$/,
      ],
      [first.subarray(0, 2000), /^unexpected end of file in gzip member 1$/],
    ];
    for (const [gz, message] of cases) {
      const r = await gunzip(cutAt(gz, [1000]));
      expect(r.error?.code).toBe('Z_BUF_ERROR');
      expect(r.error?.message).toMatch(message);
      // Every byte zlib can inflate from the part that is there.
      expect(A.subarray(0, r.out.length).equals(r.out)).toBe(true);
    }
    // Cut in the trailer: the data is whole.
    expect((await gunzip([first.subarray(0, first.length - 3)])).out.equals(A)).toBe(true);
  });
});
