// The block pre-scanner: one pass of WebAssembly SIMD over a block of ASCII lines that records
// where every separating comma and every line feed is, applying FieldScanner's quoting rules
// (commas inside a quoted field do not separate). The mapper then reads a line's fields straight
// from those offsets (PreRow); a line whose quoted field never closes goes to FieldScanner,
// which names the problem. Looking at 32 bytes per step, and writing the offsets of a
// comma-only step without a branch per comma, is several times faster than one indexOf per
// field, which dominated the hot path.
//
// The module is assembled here from named opcodes (no build tool, no binary file in the repo).
// Where WebAssembly SIMD is missing, `createBlockScan` returns null and the JS scanner does it all.

/** Largest block scanned at once; a larger one (a very long line) takes the JS path. */
export const SCAN_CAPACITY = 256 * 1024;

/** Line records: bit 31 set when the JS scanner must split the line (a quote left open). */
export const UNSCANNED = 0x80000000;

// --- a tiny WebAssembly assembler: just what the one function below needs ---

const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  return: 0x0f,
  i32Load: 0x28,
  i32Load8u: 0x2d,
  i32Store: 0x36,
  select: 0x1b,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Clz: 0x67,
  i32Ctz: 0x68,
  i32Popcnt: 0x69,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  void: 0x40,
  i32: 0x7f,
  v128: 0x7b,
  simd: 0xfd,
} as const;

/** SIMD sub-opcodes (after the 0xfd prefix). */
const simd = { load: 0x00, i8x16Splat: 0x0f, i8x16Eq: 0x23, or: 0x50, i8x16Bitmask: 0x64 } as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'latin1')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

// Parameters and locals of scan(len, out, lines) → line count.
const LEN = 0;
const OUT = 1;
const LINES = 2;
const P = 3; // byte offset of the current step
const O = 4; // write pointer into the offsets
const L = 5; // write pointer into the line records
const M = 6; // bitmask of the commas, quotes and LFs left in this step
const POS = 7; // offset of the byte being handled
const BAD = 8; // UNSCANNED once the current line's quoting needs the JS scanner
const C = 9; // the byte being handled
const INQ = 10; // 1 inside a quoted field
const FS = 11; // offset where the current field starts
const SKIP = 12; // bytes before this offset are already handled (the second quote of "")
const MC = 13; // bitmask of the commas in this step
const I32_LOCALS = 11;
const V_COMMA = 14;
const V_LF = 15;
const V_QUOTE = 16;
const V = 17; // the first 16 bytes of the current step
const V2 = 18; // the second 16 bytes
const V128_LOCALS = 5;
/** Bytes per step: two 16-byte vectors, so a step's masks fill one i32. */
const STEP = 32;
/** Comma offsets written per common step without a branch (a step averages about five). */
const UNROLL = 8;

/**
 * Structured code with named labels: `br('name')` works out the branch depth, so the nesting
 * below can be read like the JavaScript it stands for.
 */
class Code {
  readonly bytes: number[] = [];
  private readonly labels: string[] = [];

  emit(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  get(i: number): this {
    return this.emit(op.localGet, i);
  }
  set(i: number): this {
    return this.emit(op.localSet, i);
  }
  const(n: number): this {
    return this.emit(op.i32Const, ...sleb(n));
  }
  nest(kind: number, label: string, body: () => void): this {
    this.emit(kind, op.void);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.emit(op.end);
  }
  block(label: string, body: () => void): this {
    return this.nest(op.block, label, body);
  }
  loop(label: string, body: () => void): this {
    return this.nest(op.loop, label, body);
  }
  /** `if (top of stack) then() else otherwise()`. */
  if(then: () => void, otherwise?: () => void): this {
    this.emit(op.if, op.void);
    this.labels.push('(if)');
    then();
    if (otherwise) {
      this.emit(op.else);
      otherwise();
    }
    this.labels.pop();
    return this.emit(op.end);
  }
  private depth(label: string): number {
    const i = this.labels.lastIndexOf(label);
    if (i < 0) throw new Error(`no label ${label}`);
    return this.labels.length - 1 - i;
  }
  br(label: string): this {
    return this.emit(op.br, this.depth(label));
  }
  brIf(label: string): this {
    return this.emit(op.brIf, this.depth(label));
  }
  /** local[i] += n */
  bump(i: number, n: number): this {
    return this.get(i).const(n).emit(op.i32Add).set(i);
  }
  /** local[i] == byte, left on the stack */
  is(i: number, byte: number): this {
    return this.get(i).const(byte).emit(op.i32Eq);
  }
}

/**
 * The scan function. Input bytes sit at [0, len) and the STEP bytes after them are zero. The
 * quoting rules are FieldScanner's (csv-parse with relax_quotes): a quote opens a quoted field
 * only at the field's start, "" inside one is a quote, and after the closing quote the field
 * runs on to the next comma. For each separating comma and each LF it writes the byte's offset
 * (u32) at `out`; after each LF it writes one line record at `lines`: the number of offsets
 * written so far, or-ed with UNSCANNED when a quoted field was still open at the LF. Returns
 * the number of lines.
 */
function scanBody(): number[] {
  const c = new Code();
  const eq = (data: number, v: number) => c.get(data).get(v).emit(op.simd, simd.i8x16Eq);
  /** The step's mask of `what` (an i32: bits 0-15 from V, 16-31 from V2) onto the stack. */
  const mask = (what: (data: number) => void) => {
    what(V);
    c.emit(op.simd, simd.i8x16Bitmask);
    what(V2);
    c.emit(op.simd, simd.i8x16Bitmask).const(16).emit(op.i32Shl, op.i32Or);
  };
  const interesting = (data: number) => {
    eq(data, V_COMMA);
    eq(data, V_LF).emit(op.simd, simd.or);
    eq(data, V_QUOTE).emit(op.simd, simd.or);
  };
  for (const [byte, v] of [
    [44, V_COMMA],
    [10, V_LF],
    [34, V_QUOTE],
  ] as const) {
    c.const(byte).emit(op.simd, simd.i8x16Splat).set(v);
  }
  c.get(OUT).set(O).get(LINES).set(L);
  c.block('done', () => {
    c.loop('step', () => {
      c.get(P).get(LEN).emit(op.i32GeU).brIf('done');
      c.get(P).emit(op.simd, simd.load, 0, 0).set(V);
      c.get(P).emit(op.simd, simd.load, 0, 16).set(V2);
      mask((data) => eq(data, V_COMMA));
      c.set(MC);
      mask(interesting);
      c.set(M);
      // Most steps hold only commas, outside quotes, with nothing to skip: all are separators.
      // Their offsets are written without a branch per comma (UNROLL always, garbage past the
      // count is overwritten later), as a loop whose length varies mispredicts at every step.
      c.get(M).get(MC).emit(op.i32Eq);
      c.get(INQ).emit(op.i32Eqz, op.i32And);
      c.get(SKIP).get(P).emit(op.i32LeU, op.i32And);
      c.if(() => {
        for (let k = 0; k < UNROLL; k++) {
          c.get(O)
            .get(P)
            .get(M)
            .emit(op.i32Ctz, op.i32Add, op.i32Store, 2, 4 * k);
          c.get(M).get(M).const(1).emit(op.i32Sub, op.i32And).set(M);
        }
        c.get(M).if(() => {
          c.get(O)
            .const(4 * UNROLL)
            .emit(op.i32Add)
            .set(POS);
          c.loop('comma', () => {
            c.get(POS).get(P).get(M).emit(op.i32Ctz, op.i32Add, op.i32Store, 2, 0).bump(POS, 4);
            c.get(M).get(M).const(1).emit(op.i32Sub, op.i32And).set(M);
            c.get(M).brIf('comma');
          });
        });
        c.get(O).get(MC).emit(op.i32Popcnt).const(2).emit(op.i32Shl, op.i32Add).set(O);
        // the next field starts after the step's last comma: p + (31 - clz(mc)) + 1
        c.get(P).const(32).get(MC).emit(op.i32Clz, op.i32Sub, op.i32Add);
        c.get(FS).get(MC).emit(op.select).set(FS);
        c.bump(P, STEP).br('step');
      });
      c.block('stepDone', () => {
        c.loop('byte', () => {
          c.get(M).emit(op.i32Eqz).brIf('stepDone');
          // pos = p + ctz(m); m &= m - 1
          c.get(P).get(M).emit(op.i32Ctz, op.i32Add).set(POS);
          c.get(M).get(M).const(1).emit(op.i32Sub, op.i32And).set(M);
          c.get(POS).get(SKIP).emit(op.i32LtU).brIf('byte');
          c.get(POS).emit(op.i32Load8u, 0, 0).set(C);
          c.get(INQ).if(
            () => {
              c.is(C, 34).if(() => {
                // "" stays inside the field; a lone quote closes it
                c.get(POS).emit(op.i32Load8u, 0, 1).const(34).emit(op.i32Eq);
                c.if(
                  () => c.get(POS).const(2).emit(op.i32Add).set(SKIP),
                  () => c.const(0).set(INQ),
                );
                c.br('byte');
              });
              c.is(C, 44).brIf('byte');
              // an LF inside quotes: the field never closes on this line
              c.const(UNSCANNED | 0)
                .set(BAD)
                .const(0)
                .set(INQ);
            },
            () => {
              c.is(C, 34).if(() => {
                c.get(POS)
                  .get(FS)
                  .emit(op.i32Eq)
                  .if(() => c.const(1).set(INQ));
                c.br('byte');
              });
            },
          );
          // a separating comma or an LF
          c.get(O).get(POS).emit(op.i32Store, 2, 0).bump(O, 4);
          c.get(POS).const(1).emit(op.i32Add).set(FS);
          c.is(C, 10).if(() => {
            c.get(L).get(O).get(OUT).emit(op.i32Sub).const(2).emit(op.i32ShrU);
            c.get(BAD).emit(op.i32Or, op.i32Store, 2, 0).bump(L, 4);
            c.const(0).set(BAD);
          });
          c.br('byte');
        });
      });
      c.bump(P, STEP).br('step');
    });
  });
  c.get(L).get(LINES).emit(op.i32Sub).const(2).emit(op.i32ShrU, op.end);
  const locals = vec([
    [...uleb(I32_LOCALS), op.i32],
    [...uleb(V128_LOCALS), op.v128],
  ]);
  return [...locals, ...c.bytes];
}

// --- the tuple interner: raw field texts of a scanned line → a small number ---

/** Most distinct tuples one scanner numbers; later new ones get none (-1). */
export const INTERN_CAPACITY = 4096;
/** Most fields in a tuple, bytes in one field, and 4-byte words in one tuple's key. */
export const INTERN_MAX_FIELDS = 16;
const INTERN_MAX_FIELD_BYTES = 255;
const INTERN_MAX_WORDS = 96;
/** Key words kept for all tuples together (a tuple that does not fit gets none). */
const INTERN_ARENA_WORDS = 32 * INTERN_CAPACITY;
/** Multiplier of the key hash (2^32 / golden ratio). */
const HASH_K = 0x9e3779b9 | 0;

// Parameters and locals of intern(k, base, count, from, to) → number or -1.
const IK = 0; // fields in the tuple (their cell numbers at CELLS_BASE)
const IBASE = 1; // the line's first offset in OUT_BASE (as PreRow)
const ICOUNT = 2; // cells in the line
const IFROM = 3; // the line's bounds
const ITO = 4;
const II = 5; // field index
const IP = 6; // cell number, then byte pointer
const IEND = 7;
const ILEN = 8;
const IH = 9; // hash
const IN = 10; // key words so far
const IW = 11; // current word
const ISH = 12; // shift of the next tail byte
const IB = 13; // bucket (byte offset in the index)
const IE = 14; // bucket entry
const IA = 15; // key offset (bytes) in the arena
const IJ = 16;
const INTERN_LOCALS = 12;

/**
 * The intern function. For fields i < k, cell CELLS[i] of the line (a cell the line lacks reads
 * as empty) is cut into its key words: its whole 4-byte words (little-endian), then one word of
 * the 0-3 bytes left with the field's length in the top byte. The key is hashed (h = rotl(h, 5)
 * ^ w, times HASH_K, per word) and looked up in an open-addressing index of 16-byte buckets
 * (hash, number + 1, key offset in the arena, key words) at most half full, keys compared
 * word for word. A key not there is added under the next number. Returns the number, or -1 when
 * a field is over INTERN_MAX_FIELD_BYTES or the index or arena is full.
 */
function internBody(): number[] {
  const c = new Code();
  const load = (offset = 0) => c.emit(op.i32Load, 0, ...uleb(offset));
  const store = (offset = 0) => c.emit(op.i32Store, 0, ...uleb(offset));
  const mix = () => {
    // h = (rotl(h, 5) ^ w) * K
    c.get(IH).const(5).emit(op.i32Rotl).get(IW).emit(op.i32Xor).const(HASH_K).emit(op.i32Mul);
    c.set(IH);
  };
  const keep = () => {
    // KEYBUF[n++] = w
    c.get(IN).const(2).emit(op.i32Shl).get(IW);
    store(KEYBUF_BASE);
    c.bump(IN, 1);
  };
  c.block('fields', () => {
    c.loop('field', () => {
      c.get(II).get(IK).emit(op.i32GeU).brIf('fields');
      c.get(II).const(2).emit(op.i32Shl);
      load(CELLS_BASE);
      c.set(IP);
      // A cell the line lacks (negative numbers too, as unsigned) reads as empty.
      c.get(IP).get(ICOUNT).emit(op.i32GeU);
      c.if(
        () => {
          c.const(0).set(IP).const(0).set(IEND);
        },
        () => {
          // end = cell == count - 1 ? to : OUT[base + cell]
          c.get(ITO);
          c.get(IBASE).get(IP).emit(op.i32Add).const(2).emit(op.i32Shl);
          load(OUT_BASE);
          c.get(IP).get(ICOUNT).const(1).emit(op.i32Sub, op.i32Eq, op.select).set(IEND);
          // start = cell == 0 ? from : OUT[base + cell - 1] + 1
          c.get(IFROM);
          c.get(IBASE).get(IP).emit(op.i32Add).const(2).emit(op.i32Shl);
          load(OUT_BASE - 4);
          c.const(1).emit(op.i32Add);
          c.get(IP).emit(op.i32Eqz, op.select).set(IP);
        },
      );
      c.get(IEND).get(IP).emit(op.i32Sub).set(ILEN);
      c.get(ILEN).const(INTERN_MAX_FIELD_BYTES).emit(op.i32GtU);
      c.if(() => c.const(-1).emit(op.return));
      c.get(IN).get(ILEN).const(2).emit(op.i32ShrU, op.i32Add).const(1).emit(op.i32Add);
      c.const(INTERN_MAX_WORDS).emit(op.i32GtU);
      c.if(() => c.const(-1).emit(op.return));
      c.block('words', () => {
        c.loop('word', () => {
          c.get(IP).const(4).emit(op.i32Add).get(IEND).emit(op.i32GtU).brIf('words');
          c.get(IP);
          load();
          c.set(IW);
          keep();
          mix();
          c.bump(IP, 4).br('word');
        });
      });
      c.get(ILEN).const(24).emit(op.i32Shl).set(IW).const(0).set(ISH);
      c.block('tail', () => {
        c.loop('byte', () => {
          c.get(IP).get(IEND).emit(op.i32GeU).brIf('tail');
          c.get(IW).get(IP).emit(op.i32Load8u, 0, 0).get(ISH).emit(op.i32Shl, op.i32Or).set(IW);
          c.bump(ISH, 8).bump(IP, 1).br('byte');
        });
      });
      keep();
      mix();
      c.bump(II, 1).br('field');
    });
  });
  c.const(0).get(IH);
  store(STATE_BASE + 8);
  // b = ((h ^ h >>> 16) << 4) & mask
  c.get(IH).get(IH).const(16).emit(op.i32ShrU, op.i32Xor).const(4).emit(op.i32Shl);
  c.const(INDEX_BYTES - 16)
    .emit(op.i32And)
    .set(IB);
  c.block('miss', () => {
    c.loop('probe', () => {
      c.get(IB);
      load(INDEX_BASE + 4);
      c.set(IE);
      c.get(IE).emit(op.i32Eqz).brIf('miss');
      c.get(IB);
      load(INDEX_BASE);
      c.get(IH).emit(op.i32Eq);
      c.get(IB);
      load(INDEX_BASE + 12);
      c.get(IN).emit(op.i32Eq, op.i32And);
      c.if(() => {
        c.get(IB);
        load(INDEX_BASE + 8);
        c.set(IA).const(0).set(IJ);
        c.block('differ', () => {
          c.loop('compare', () => {
            c.get(IJ).get(IN).emit(op.i32GeU);
            c.if(() => c.get(IE).const(1).emit(op.i32Sub, op.return));
            c.get(IA);
            load(ARENA_BASE);
            c.get(IJ).const(2).emit(op.i32Shl);
            load(KEYBUF_BASE);
            c.emit(op.i32Ne).brIf('differ');
            c.bump(IA, 4).bump(IJ, 1).br('compare');
          });
        });
      });
      c.get(IB)
        .const(16)
        .emit(op.i32Add)
        .const(INDEX_BYTES - 16)
        .emit(op.i32And)
        .set(IB);
      c.br('probe');
    });
  });
  // A new key: number STATE[0], its words at arena word STATE[1].
  c.const(0);
  load(STATE_BASE);
  c.set(IE);
  c.const(0);
  load(STATE_BASE + 4);
  c.set(IA);
  c.get(IE).const(INTERN_CAPACITY).emit(op.i32GeU);
  c.if(() => c.const(-1).emit(op.return));
  c.get(IA).get(IN).emit(op.i32Add).const(INTERN_ARENA_WORDS).emit(op.i32GtU);
  c.if(() => c.const(-1).emit(op.return));
  c.const(0).set(IJ);
  c.block('copied', () => {
    c.loop('copy', () => {
      c.get(IJ).get(IN).emit(op.i32GeU).brIf('copied');
      c.get(IA).get(IJ).emit(op.i32Add).const(2).emit(op.i32Shl);
      c.get(IJ).const(2).emit(op.i32Shl);
      load(KEYBUF_BASE);
      store(ARENA_BASE);
      c.bump(IJ, 1).br('copy');
    });
  });
  c.get(IB).get(IH);
  store(INDEX_BASE);
  c.get(IB).get(IE).const(1).emit(op.i32Add);
  store(INDEX_BASE + 4);
  c.get(IB).get(IA).const(2).emit(op.i32Shl);
  store(INDEX_BASE + 8);
  c.get(IB).get(IN);
  store(INDEX_BASE + 12);
  c.const(0).get(IE).const(1).emit(op.i32Add);
  store(STATE_BASE);
  c.const(0).get(IA).get(IN).emit(op.i32Add);
  store(STATE_BASE + 4);
  c.get(IE).emit(op.end);
  return [...vec([[...uleb(INTERN_LOCALS), op.i32]]), ...c.bytes];
}

function moduleBytes(pages: number): Uint8Array {
  const scan = scanBody();
  const intern = internBody();
  const i32s = (n: number) => vec(Array.from({ length: n }, () => [op.i32]));
  // prettier-ignore
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([
      [0x60, ...i32s(3), ...i32s(1)],
      [0x60, ...i32s(5), ...i32s(1)],
    ])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([
      [...name('scan'), 0x00, 0],
      [...name('intern'), 0x00, 1],
      [...name('mem'), 0x02, 0],
    ])),
    ...section(10, vec([
      [...uleb(scan.length), ...scan],
      [...uleb(intern.length), ...intern],
    ])),
  ];
  return Uint8Array.from(bytes);
}

// --- the scanner the framer uses ---

const OUT_BASE = SCAN_CAPACITY + 64;
/** At most one offset per byte (and 4 spare written past the last); the line records likewise. */
const LINES_BASE = OUT_BASE + 4 * (SCAN_CAPACITY + 32);
const CELLS_BASE = LINES_BASE + 4 * (SCAN_CAPACITY + STEP);
const KEYBUF_BASE = CELLS_BASE + 4 * INTERN_MAX_FIELDS;
/** intern's counters: numbers given, arena words used; then the last key's hash. */
const STATE_BASE = KEYBUF_BASE + 4 * INTERN_MAX_WORDS;
const INDEX_BASE = STATE_BASE + 16;
const INDEX_BYTES = 16 * 2 * INTERN_CAPACITY;
const ARENA_BASE = INDEX_BASE + INDEX_BYTES;
const MEMORY_BYTES = ARENA_BASE + 4 * INTERN_ARENA_WORDS;

/** One block's scan: `offsets` and `lines` are views of the module's memory, valid until the next scan. */
export interface BlockScan {
  /** Scans `buf[from, to)` (at most SCAN_CAPACITY bytes); returns the number of lines. */
  scan(buf: Uint8Array, from: number, to: number): number;
  readonly offsets: Uint32Array;
  readonly lines: Uint32Array;
  /**
   * A number for the raw text of cells `cells` of the line the last scan found with its first
   * offset at `base`, `count` cells and bounds [from, to) (as PreRow): equal texts, equal
   * numbers (0, 1, 2, … in order of first sight, for the life of this scanner); -1 when a
   * field is over 255 bytes or INTERN_CAPACITY numbers are given. A cell the line lacks reads
   * as an empty one.
   */
  intern(cells: ArrayLike<number>, base: number, count: number, from: number, to: number): number;
  /** The hash of the key the last intern call looked up (for tests). */
  lastHash(): number;
}

/** The slice of the WebAssembly API used here (the project's TypeScript libs do not type it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (mod: object, imports: object) => { exports: unknown };
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

function compile(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes(Math.ceil(MEMORY_BYTES / 65536));
      compiled =
        wasmApi !== undefined && wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A scanner with its own memory, or null where WebAssembly SIMD is not available. */
export function createBlockScan(): BlockScan | null {
  if (process.env.PAN_SER_SIMD === '0') return null;
  const mod = compile();
  if (mod === null || wasmApi === undefined) return null;
  const instance = new wasmApi.Instance(mod, {});
  const exports = instance.exports as {
    scan: (len: number, out: number, lines: number) => number;
    intern: (k: number, base: number, count: number, from: number, to: number) => number;
    mem: { buffer: ArrayBuffer };
  };
  const memory = new Uint8Array(exports.mem.buffer);
  const cellsIn = new Int32Array(exports.mem.buffer, CELLS_BASE, INTERN_MAX_FIELDS);
  const state = new Int32Array(exports.mem.buffer, STATE_BASE, 4);
  return {
    offsets: new Uint32Array(exports.mem.buffer, OUT_BASE),
    lines: new Uint32Array(exports.mem.buffer, LINES_BASE),
    scan(buf, from, to) {
      const len = to - from;
      if (len > SCAN_CAPACITY) throw new RangeError(`block of ${len} bytes over the scan capacity`);
      memory.set(buf.subarray(from, to), 0);
      memory.fill(0, len, len + STEP);
      return exports.scan(len, OUT_BASE, LINES_BASE);
    },
    intern(cells, base, count, from, to) {
      const k = cells.length;
      if (k > INTERN_MAX_FIELDS) throw new RangeError(`${k} fields, over ${INTERN_MAX_FIELDS}`);
      for (let i = 0; i < k; i++) cellsIn[i] = cells[i] ?? -1;
      return exports.intern(k, base, count, from, to);
    },
    lastHash: () => state[2] ?? 0,
  };
}
