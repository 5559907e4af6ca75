// Turns one input line into a TrafficRecord, a Skip (other log type, header, blank) or a Reject
// (with a one-sentence reason and fix). One mapper per input file: it sniffs the file's format
// from the first non-blank line and keeps the header's column map. Pure: no I/O, no clock.
// Lines arrive as spans of a larger string (mapSpan) so the fast splitter decodes only the
// cells a TRAFFIC record needs; `--parser csv-parse` splits with the reference instead.
import { PanSerError } from '../errors.js';
import { normalizeAction } from '../knowledge/actions.js';
import { looksLikeLogType } from '../knowledge/log-types.js';
import { normalizeReason } from '../knowledge/reasons.js';
import type { InputFormat, Mapped, Reject, RejectCode, RelatedLogType, Skip } from '../model.js';
import { jsonAfterHeader, parseKv, type KvRecord } from '../input/kv.js';
import { ownCopy, type SpanSink } from '../input/blocks.js';
import { splitWithCsvParse, type ParserName } from '../input/csv-parse-split.js';
import { fieldText, FieldScanner, PreRow, SplitError } from '../input/split.js';
import {
  readHeaderKind,
  splitSyslogPrefix,
  type SyslogHeaderKind,
  type SyslogPrefix,
} from '../input/syslog.js';
import { FIELD_IDS, REQUIRED_FIELDS, type FieldId, type Fields } from './field-ids.js';
import { JSON_WRAPPER_KEYS } from './kv-formats.js';
import { mapKv } from './kv-map.js';
import {
  isKnownHeader,
  flagColumns,
  flagsFromColumns,
  HEADER_ALIASES,
  mapHeader,
  type FlagColumn,
} from './headers.js';
import {
  layoutForRelease,
  MIN_TRAFFIC_FIELDS,
  pickLayout,
  PRISMA_LAYOUT,
  type PreparedLayout,
} from './layout-pick.js';
import { LAYOUTS } from './layouts/index.js';
import { RELATED_LAYOUTS } from './related-layouts.js';

export interface MapOptions {
  readonly inputFormat: 'auto' | InputFormat;
  /** --panos-version: forces the syslog layout (e.g. "9.1"). */
  readonly panosVersion?: string | undefined;
  /** Line splitter: the fast one (default) or the csv-parse reference. */
  readonly parser?: ParserName | undefined;
}

/** What the mapper learnt about its file, for the report. */
export interface FileFacts {
  format: InputFormat | null;
  /** CSV export: number of header columns. */
  columns: number | null;
  /** Syslog: lines per header form. */
  headerKinds: Partial<Record<SyslogHeaderKind, number>>;
  /** Syslog: TRAFFIC lines per detected layout; CSV: all under "csv-export". */
  layouts: Record<string, number>;
}

export interface Mapper {
  readonly facts: FileFacts;
  /** Maps one line (without its line end). Throws PanSerError when the whole file is refused. */
  map(text: string, line: number): Mapped;
  /** Maps one line as BlockFramer hands it out (see SpanSink for the arguments). */
  mapSpan(...span: Parameters<SpanSink>): Mapped;
  /**
   * Learns the file's format from its first line without counting it, so a worker that starts
   * mid-file maps like a single pass would. Throws what `map` would throw for that line.
   */
  prime(text: string, line: number): void;
  /**
   * CSV: the cells of the header row the next line will be read by (a header met again later in
   * the file replaces the first); null before one and for other formats. A range read on its
   * own must start with the same.
   */
  header(): readonly string[] | null;
}

/** The split cells of one line, whichever parser produced them. */
interface Row {
  readonly count: number;
  cell(k: number): string;
}

class ArrayRow implements Row {
  constructor(private readonly cells: readonly string[]) {}
  get count(): number {
    return this.cells.length;
  }
  cell(k: number): string {
    return this.cells[k] ?? '';
  }
}

/**
 * A PAN-OS CSV line that lost its leading FUTURE_USE field, read as if it had it: cell 0 is
 * empty again and cell 1 is the line's receive time (after its syslog header).
 */
class LeadingFieldRestored implements Row {
  constructor(
    private readonly cells: Row,
    private readonly first: string,
    readonly header: SyslogHeaderKind,
  ) {}
  get count(): number {
    return this.cells.count + 1;
  }
  cell(k: number): string {
    return k === 0 ? '' : k === 1 ? this.first : this.cells.cell(k - 1);
  }
}

const CLOCK = /^\d{1,2}:\d\d(?::\d\d)?\S*$/;
const DATE = /^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}$/;

/**
 * The line with its leading field restored. Its receive time (`2021/02/05 15:05:55`) holds a
 * space, so when field 0 ends in a date and a clock the syslog header ends before the date.
 */
function restoreLeadingField(cells: Row): LeadingFieldRestored {
  const zero = cells.cell(0);
  const prefix = splitSyslogPrefix(zero);
  const head = zero.slice(0, zero.length - prefix.first.length).trimEnd();
  const cut = head.lastIndexOf(' ');
  const date = head.slice(cut + 1);
  if (!CLOCK.test(prefix.first) || !DATE.test(date)) {
    return new LeadingFieldRestored(cells, prefix.first, prefix.header);
  }
  const rest = cut < 0 ? '' : head.slice(0, cut).trim();
  return new LeadingFieldRestored(
    cells,
    `${date} ${prefix.first}`,
    rest === '' ? 'bare' : readHeaderKind(rest),
  );
}

/** The log line a collector's JSON event carries (see JSON_WRAPPER_KEYS), or null. */
function wrappedLine(kv: KvRecord): string | null {
  if (kv.format !== 'json' || kv.values.has('LogType')) return null;
  for (const key of JSON_WRAPPER_KEYS) {
    const v = kv.values.get(key);
    if (v !== undefined && v.includes(',')) return v;
  }
  return null;
}

/** Where Flags sits in every release layout, and what a flags value looks like (0x400053). */
const FLAGS_AT = LAYOUTS[0]?.fields.indexOf('flags') ?? -1;
const FLAGS_VALUE = /^0x[0-9a-f]+$/i;

export const BLANK: Skip = { kind: 'skip', what: '(blank)' };
export const HEADER: Skip = { kind: 'skip', what: '(header)' };
export const SEPARATOR_HINT: Skip = { kind: 'skip', what: '(separator hint)' };
const SEPARATOR_HINT_LINE = /^\s*sep=.\s*$/i;
const skipCache = new Map<string, Skip>();

function skipType(type: string): Skip {
  let s = skipCache.get(type);
  if (!s) {
    s = { kind: 'skip', what: ownCopy(type) };
    if (skipCache.size < 256) skipCache.set(type, s);
  }
  return s;
}

const HEADER_MIN_KNOWN = 3;
const NOT_PANOS_FIX =
  'send PAN-OS logs in the default CSV syslog format, or drop lines from other sources';
const REASON_SLOT = FIELD_IDS.indexOf('session_end_reason');
const ACTION_SLOT = FIELD_IDS.indexOf('action');

export function createMapper(file: string, options: MapOptions): Mapper {
  const facts: FileFacts = { format: null, columns: null, headerKinds: {}, layouts: {} };
  const forced: PreparedLayout | null =
    options.panosVersion === undefined ? null : layoutForRelease(options.panosVersion);
  let state: 'start' | InputFormat = 'start';
  // Counted per line, and nearly every line repeats the last one's: see RunCount.
  const kinds = new RunCount();
  const layouts = new RunCount();
  // Int32: a hostile header can have more than 32767 columns.
  let columns: Int32Array | null = null;
  let needCells = 0;
  let headerCells = 0;
  let typeCol = -1;
  /** Yes/no flag columns, read only when the export has no Flags column. */
  let flagCols: FlagColumn[] = [];
  let headerRow: readonly string[] | null = null;

  const reject = (line: number, code: RejectCode, message: string): Reject => ({
    kind: 'reject',
    file,
    line,
    code,
    message,
  });

  function readHeader(cells: string[], line: number): void {
    const cols = mapHeader(cells);
    const missing = REQUIRED_FIELDS.filter((id) => cols[id] < 0);
    if (missing.length > 0) {
      const names = missing.map((id) => HEADER_ALIASES[id][0]).join(', ');
      const shown = cells.slice(0, 12).join(', ') + (cells.length > 12 ? ', …' : '');
      throw new PanSerError(
        'INPUT_MISSING_COLUMNS',
        `this CSV export has no ${names} column, which the analysis needs; it looks like ${describeExport(cols, cells.length)}; its columns are: ${shown}`,
        {
          file,
          line,
          hint: 'export Monitor > Logs > Traffic with all columns, or send the logs as syslog',
        },
      );
    }
    columns = Int32Array.from(FIELD_IDS, (id: FieldId) => cols[id]);
    needCells = Math.max(...REQUIRED_FIELDS.map((id) => cols[id])) + 1;
    typeCol = cols.type;
    flagCols = cols.flags < 0 ? flagColumns(cells) : [];
    facts.format = 'csv';
    facts.columns = cells.length;
    headerCells = cells.length;
    headerRow = cells;
    state = 'csv';
  }

  /** True when the header's cell for field slot `slot` holds a value `known` recognises. */
  function knownCell(cells: Row, slot: number, known: (raw: string) => unknown): boolean {
    const at = columns?.[slot] ?? -1;
    return at >= 0 && known(cells.cell(at)) !== null;
  }

  function fromCsv(cells: Row, line: number): Mapped {
    if (typeCol >= 0 && typeCol < cells.count && !isTraffic(cells, typeCol)) {
      const type = cells.cell(typeCol).trim();
      if (type !== '' && type.toUpperCase() !== 'TRAFFIC') {
        if (looksLikeLogType(type)) return skipType(type);
        // Exports joined with `cat` repeat the header, perhaps with other columns: read it anew.
        if (looksLikeHeader(cells)) {
          readHeader(allCells(cells), line);
          return HEADER;
        }
        return reject(
          line,
          'NOT_PANOS',
          `the Type column should hold a log type (TRAFFIC, THREAT, …) but holds "${clip(type)}" (the row is damaged or its columns shifted; re-export the file)`,
        );
      }
    }
    if (cells.count < needCells) {
      return reject(
        line,
        'SHORT_ROW',
        `row has ${cells.count} cells but the header needs at least ${needCells} (the row is cut short; re-export the file)`,
      );
    }
    // Empty cells past the header are harmless (some writers end rows with a comma), unless the
    // row was shifted: then its action and end reason are other columns' values.
    if (
      cells.count > headerCells &&
      (hasText(cells, headerCells) ||
        !knownCell(cells, ACTION_SLOT, normalizeAction) ||
        !knownCell(cells, REASON_SLOT, normalizeReason))
    ) {
      return reject(
        line,
        'LONG_ROW',
        `row has ${cells.count} cells but the header has ${headerCells}: a comma outside quotes shifted its columns (quote values that hold commas, or re-export the file)`,
      );
    }
    let fields = buildFields(cells, columns ?? new Int32Array(0), null);
    if (flagCols.length > 0) {
      fields = { ...plainFields(fields), flags: flagsFromColumns((k) => cells.cell(k), flagCols) };
    }
    layouts.add(facts.layouts, 'csv-export');
    return { kind: 'traffic', file, line, layout: 'csv-export', fields };
  }

  /** LEEF, CEF and Strata JSON lines: parsed by key instead of by position. */
  function keyValue(text: string, line: number): Mapped | null {
    const kv = parseKv(text);
    if (!kv) return null;
    if (state === 'start') {
      state = 'syslog';
      facts.format = 'syslog';
    }
    // A collector's JSON event (Logstash, Cribl) that carries the PAN-OS line in one field.
    const wrapped = unwrapping ? null : wrappedLine(kv);
    if (wrapped !== null) {
      unwrapping = true;
      try {
        return map(wrapped, line);
      } finally {
        unwrapping = false;
      }
    }
    const tag = kv.format === 'json' ? jsonAfterHeader(text) : text.search(/(?:LEEF|CEF):/);
    kinds.add(
      facts.headerKinds,
      tag > 0 ? splitSyslogPrefix(`${text.slice(0, tag)}-`).header : 'bare',
    );
    const m = mapKv(kv, file, line);
    if (m.kind === 'traffic') layouts.add(facts.layouts, m.layout);
    return m;
  }

  function fromSyslog(cells: Row, line: number, src: string, from: number, to: number): Mapped {
    const prefix = syslogPrefix(cells);
    if (cells.count < 4) {
      const kv = keyValue(src.slice(from, to), line);
      if (kv) return kv;
      return reject(
        line,
        'NOT_PANOS',
        `not a PAN-OS log line: expected comma-separated fields with the log type in field 4 (${NOT_PANOS_FIX})`,
      );
    }
    const type = isTraffic(cells, 3) ? 'TRAFFIC' : cells.cell(3).trim();
    if (type !== 'TRAFFIC' && type.toUpperCase() !== 'TRAFFIC') {
      // A LEEF/CEF/JSON line whose values hold commas can have a log type word in field 4.
      if (mayBeKv(cells)) {
        const kv = keyValue(src.slice(from, to), line);
        if (kv) return kv;
      }
      if (Object.hasOwn(RELATED_LAYOUTS, type)) {
        kinds.add(facts.headerKinds, prefix.header);
        return relatedSkip(type as RelatedLogType, cells, prefix.first, line);
      }
      if (looksLikeLogType(type)) {
        kinds.add(facts.headerKinds, prefix.header);
        return skipType(type);
      }
      const kv = keyValue(src.slice(from, to), line);
      if (kv) return kv;
      const early = cells.cell(2).trim();
      if (early.toUpperCase() === 'TRAFFIC') {
        // The type one field early: the Prisma / Strata variant, or a firewall line whose
        // leading FUTURE_USE field a collector dropped (its Flags still in place, one early).
        if (!FLAGS_VALUE.test(cells.cell(FLAGS_AT - 1).trim())) {
          kinds.add(facts.headerKinds, prefix.header);
          return fromLayout(cells, line, PRISMA_LAYOUT, prefix.first);
        }
        const restored = restoreLeadingField(cells);
        kinds.add(facts.headerKinds, restored.header);
        const prepared = forced ?? pickLayout(restored.count, restored.cell(5));
        if (prepared) return fromLayout(restored, line, prepared, null);
      }
      // Another log type one field early: Prisma / Strata lines of other types (THREAT, …) and
      // AUDIT logs, which PAN-OS writes without the leading field (a lower-case type followed
      // by the config version).
      if (
        looksLikeLogType(early) ||
        (looksLikeLogType(early.toUpperCase()) && /^\d+$/.test(cells.cell(3).trim()))
      ) {
        kinds.add(facts.headerKinds, prefix.header);
        return skipType(early.toUpperCase());
      }
      // GLOBALPROTECT logs of PAN-OS 9.1.0-9.1.2 put Sequence Number and Action Flags before
      // the type, so it sits two fields late.
      const late = cells.cell(5).trim();
      if (looksLikeLogType(late) && FLAGS_VALUE.test(cells.cell(4).trim())) {
        kinds.add(facts.headerKinds, prefix.header);
        return skipType(late);
      }
      if (looksLikeHeader(cells)) {
        return reject(
          line,
          'NOT_PANOS',
          'a CSV export header row after syslog lines: the rows below it are read as syslog fields, by position (analyze the export as a file of its own)',
        );
      }
      return reject(
        line,
        'NOT_PANOS',
        `not a PAN-OS log line: field 4 should be the log type (TRAFFIC, THREAT, …) but is "${clip(cells.cell(3))}" (${NOT_PANOS_FIX})`,
      );
    }
    kinds.add(facts.headerKinds, prefix.header);
    if (cells.count < MIN_TRAFFIC_FIELDS) {
      return reject(
        line,
        'TOO_FEW_FIELDS',
        `TRAFFIC line has ${cells.count} fields but PAN-OS 6.1+ writes at least ${MIN_TRAFFIC_FIELDS}, with Session End Reason as field ${MIN_TRAFFIC_FIELDS} (the line was cut short, e.g. by a syslog relay's message size limit, or comes from a release before 6.1)`,
      );
    }
    const prepared = forced ?? pickLayout(cells.count, cells.cell(5));
    if (!prepared) {
      return reject(
        line,
        'TOO_FEW_FIELDS',
        `no known TRAFFIC layout fits ${cells.count} fields (give the release with --panos-version)`,
      );
    }
    return fromLayout(cells, line, prepared, prefix.first);
  }

  function fromLayout(
    cells: Row,
    line: number,
    prepared: PreparedLayout,
    first: string | null,
  ): Mapped {
    const need = (prepared.positions[REASON_SLOT] ?? 0) + 1;
    if (cells.count < need) {
      return reject(
        line,
        'TOO_FEW_FIELDS',
        `TRAFFIC line has ${cells.count} fields; the ${prepared.layout.id} layout needs ${need} to reach Session End Reason (the line was cut short)`,
      );
    }
    const fields = buildFields(cells, prepared.positions, first);
    layouts.add(facts.layouts, prepared.layout.id);
    return { kind: 'traffic', file, line, layout: prepared.layout.id, fields };
  }

  /** A DECRYPTION/THREAT/AUTH line: still a skip (counted by type), with what findings join. */
  function relatedSkip(type: RelatedLogType, cells: Row, first: string, line: number): Skip {
    const at = RELATED_LAYOUTS[type];
    if (cells.count < at.minFields) return skipType(type);
    // Copies: a related log is held until its TRAFFIC log arrives, past its block's life. Held
    // fields are clipped: the window holds thousands of these, and a log's fields can be as
    // long as the record size limit (10000 THREAT logs with 20 KB URLs held 500 MB).
    const get = (i: number, max: number) =>
      ownCopy(clipTo((i === 0 ? first : cells.cell(i)).trim(), max));
    const sessionid = get(at.sessionid, RELATED_ID_MAX + 1);
    const serial = get(at.serial, RELATED_ID_MAX + 1);
    // Session ids and serial numbers are short: a longer one cannot match a TRAFFIC log's.
    if (sessionid === '' || sessionid === '0' || sessionid.length > RELATED_ID_MAX)
      return skipType(type);
    if (serial.length > RELATED_ID_MAX) return skipType(type);
    const detail = clipTo(
      at.detail
        .map((i) => get(i, RELATED_TEXT_MAX))
        .filter((v) => v !== '')
        .join(' / '),
      RELATED_TEXT_MAX,
    );
    return {
      kind: 'skip',
      what: type,
      related: {
        type,
        file,
        line,
        serial,
        sessionid,
        subtype: get(at.subtype, RELATED_ID_MAX),
        action: get(at.action, RELATED_ID_MAX),
        detail,
      },
    };
  }

  const scanner = new FieldScanner();
  /** True while a wrapped line is mapped: a wrapper inside a wrapper is not opened again. */
  let unwrapping = false;

  function split(src: string, from: number, to: number, pre: PreRow | null): Row | SplitError {
    if (pre !== null) return pre;
    if (options.parser === 'csv-parse') {
      const cells = splitWithCsvParse(src.slice(from, to));
      return cells instanceof SplitError ? cells : new ArrayRow(cells);
    }
    const n = scanner.scan(src, from, to);
    return n < 0 ? new SplitError('UNTERMINATED_QUOTE', -n) : scanner;
  }

  function mapSpan(
    src: string,
    from: number,
    to: number,
    line: number,
    hasNul: boolean,
    hasCr: boolean,
    pre: PreRow | null,
  ): Mapped {
    const start = state === 'start' && src.charCodeAt(from) === 0xfeff ? from + 1 : from;
    if (isBlank(src, start, to)) return BLANK;
    if (hasNul) {
      return reject(
        line,
        'BINARY',
        'the line holds NUL bytes: binary data or UTF-16 text, not a UTF-8 text log (re-save UTF-16 files as UTF-8, e.g. iconv -f UTF-16 -t UTF-8)',
      );
    }
    // The framer already dropped a CR before the LF; one left inside means CR-only line ends,
    // which would glue many logs into one record and silently lose all but the first.
    if (hasCr) {
      return reject(
        line,
        'BARE_CR',
        "the line holds carriage returns (CR): the file uses old Mac line ends, so this line may hold many logs (convert them to LF, e.g. tr '\\r' '\\n')",
      );
    }
    if (state !== 'csv' && src.charCodeAt(start) === 123 /* { */) {
      const kv = keyValue(src.slice(start, to), line);
      if (kv) return kv;
    }
    const cells = split(src, start, to, start === from ? pre : null);
    if (cells instanceof SplitError) {
      const kv = state === 'csv' ? null : keyValue(src.slice(start, to), line);
      if (kv) return kv;
      return reject(
        line,
        'UNTERMINATED_QUOTE',
        `a quoted field opened at character ${cells.column} never closes on this line (fix or remove the stray quote)`,
      );
    }
    const sniffing = state === 'start';
    if (sniffing) {
      // Excel's separator hint (`sep=,`) above a saved export's header.
      if (to - start <= 8 && SEPARATOR_HINT_LINE.test(src.slice(start, to))) return SEPARATOR_HINT;
      const looksHeader = looksLikeHeader(cells);
      if (options.inputFormat === 'csv' || (options.inputFormat === 'auto' && looksHeader)) {
        if (!looksHeader) {
          throw new PanSerError(
            'INPUT_NO_HEADER',
            'the first line is not a CSV export header row',
            {
              file,
              line,
              hint: 'export with the header row, or drop --input-format csv for syslog files',
            },
          );
        }
        readHeader(allCells(cells), line);
        return HEADER;
      }
      state = 'syslog';
      facts.format = 'syslog';
    }
    const m = state === 'csv' ? fromCsv(cells, line) : fromSyslog(cells, line, src, start, to);
    // A first line that is no log at all (a title above an export's header) settles nothing: it
    // is rejected, and the next line is sniffed afresh.
    if (sniffing && m.kind === 'reject' && m.code === 'NOT_PANOS') {
      state = 'start';
      facts.format = null;
    }
    return m;
  }

  function map(text: string, line: number): Mapped {
    return mapSpan(text, 0, text.length, line, text.includes('\0'), text.includes('\r'), null);
  }

  function prime(text: string, line: number): void {
    map(text, line);
    kinds.drop();
    layouts.drop();
    facts.headerKinds = {};
    facts.layouts = {};
  }

  return {
    get facts() {
      kinds.flush(facts.headerKinds);
      layouts.flush(facts.layouts);
      return facts;
    },
    map,
    mapSpan,
    prime,
    header: () => headerRow,
  };
}

/** A reused row of field bounds (FieldScanner, PreRow): `gen` changes each time it is reused. */
type SpanRow = FieldScanner | PreRow;

/** True for the fast splitters' rows, whose fields can be read in place by their bounds. */
function isSpanRow(cells: Row): cells is SpanRow {
  return cells instanceof FieldScanner || cells instanceof PreRow;
}

/**
 * A record's fields read lazily from its line: one getter per field id on the prototype decodes
 * the cell when it is read, so a record costs one small object instead of 42 strings. It reads
 * the bounds from the splitter's reused row, so it is valid only while that row still holds its
 * line (the record's own processing); a later read throws instead of returning another line's
 * text. Whatever keeps fields longer copies them with plainFields. Read fields by name
 * (`rec.fields.rule`); spreading gives nothing, JSON.stringify works.
 */
class LineFields {
  // `$` names: a field id (`src`!) must never be shadowed by an own property.
  constructor(
    readonly $row: SpanRow,
    readonly $gen: number,
    /** Per field id: its cell in the row, or -1 when the layout has none. */
    readonly $pos: ArrayLike<number>,
    /** Replaces cell 0 when not null (a syslog line's first field, after its header). */
    readonly $first: string | null,
  ) {}

  /** Bounds of field `i` in `$row.src`: [start, end), or null when the line lacks it. */
  $span(i: number): number {
    const row = this.$row;
    if (row.gen !== this.$gen) {
      throw new Error('a record read after its line was gone (copy it with plainFields)');
    }
    const p = this.$pos[i] ?? -1;
    return p < 0 || p >= row.count ? -1 : p;
  }

  toJSON(): Fields {
    return plainFields(this as unknown as Fields);
  }
}

FIELD_IDS.forEach((id: FieldId, i: number) => {
  Object.defineProperty(LineFields.prototype, id, {
    enumerable: true,
    get(this: LineFields): string {
      const p = this.$span(i);
      if (p < 0) return '';
      if (p === 0 && this.$first !== null) return this.$first;
      const row = this.$row;
      return fieldText(row.src, row.start(p), row.end(p));
    },
  });
});

/**
 * `read(text, from, to)` of field `id`, as a function of a record: applied in place, without
 * building the field's string, when the record reads its line lazily and the field is not
 * quoted; else applied to the field's value. One reader per field and `read`, made once: each
 * keeps its own call-site feedback, so the hot path stays monomorphic (one shared function
 * taking the field and `read` as arguments cost some 25 cache misses a call).
 */
export function fieldReader(
  id: FieldId,
  read: (text: string, from: number, to: number) => number,
): (f: Fields) => number {
  const index = FIELD_INDEX[id];
  return (f) => {
    if (f instanceof LineFields) {
      const p = f.$span(index);
      if (p > 0 || (p === 0 && f.$first === null)) {
        const row = f.$row;
        const start = row.start(p);
        const end = row.end(p);
        if (end === start || row.src.charCodeAt(start) !== 34) return read(row.src, start, end);
      }
    }
    const v = f[id];
    return read(v, 0, v.length);
  };
}

/**
 * For a caller that keys on fields' raw text (the same raw text always decodes to the same
 * value): when the record is read lazily from a line the block pre-scan split, writes the cell
 * numbers of fields `ids` (fieldNumber) into `cells` (-1 for a field its layout lacks) and
 * returns the line's row, whose `intern(cells)` numbers that raw text. Null when the record is
 * not read from such a line, or a field's value is not in the line's text (a syslog line's
 * first field, after its header).
 */
export function lineCells(f: Fields, ids: Int32Array, cells: Int32Array): PreRow | null {
  if (!(f instanceof LineFields)) return null;
  f.$span(0); // throws when the line is gone
  const row = f.$row;
  if (!(row instanceof PreRow) || row.scan === null) return null;
  const pos = f.$pos;
  for (let i = 0; i < ids.length; i++) {
    const p = pos[ids[i] ?? 0] ?? -1;
    if (p === 0 && f.$first !== null) return null;
    cells[i] = p;
  }
  return row;
}

/** A field's number, as lineCells takes it. */
export function fieldNumber(id: FieldId): number {
  return FIELD_INDEX[id];
}

const FIELD_INDEX = Object.fromEntries(FIELD_IDS.map((id, i) => [id, i])) as Record<
  FieldId,
  number
>;

/** A plain-object copy of any record's fields (e.g. to keep or spread them). */
export function plainFields(f: Fields): Fields {
  const out = {} as Fields;
  for (const id of FIELD_IDS) out[id] = f[id];
  return out;
}

/** What a header row without the needed columns looks like, for the refusal message. */
function describeExport(cols: Record<FieldId, number>, width: number): string {
  const full = cols.receive_time >= 0 && cols.type >= 0;
  if (full && cols.session_end_reason < 0 && cols.pkts_received === width - 1) {
    return `a traffic export from PAN-OS 6.0 or older (${width} columns ending at Packets Received; releases before 6.1 did not record an end reason)`;
  }
  if (full) return `a ${width}-column log export that is not a full traffic export`;
  if (cols.action >= 0 || cols.bytes >= 0) {
    return `a ${width}-column subset of a traffic export (counters and ports only, no log type or time)`;
  }
  return `a ${width}-column CSV file that is not a PAN-OS traffic export`;
}

/** The syslog header and payload of cell 0, read in place when it is not quoted. */
function syslogPrefix(cells: Row): SyslogPrefix {
  if (isSpanRow(cells)) {
    const start = cells.start(0);
    if (cells.src.charCodeAt(start) !== 34)
      return splitSyslogPrefix(cells.src, start, cells.end(0));
  }
  return splitSyslogPrefix(cells.cell(0));
}

/**
 * True when field 0 may open a LEEF/CEF/JSON payload (it holds `EF:` or ` {`, or starts with `{`); a
 * PAN-OS CSV line's field 0 is a syslog header and `1`. Checked without making its string.
 */
function mayBeKv(cells: Row): boolean {
  if (!isSpanRow(cells)) {
    const v = cells.cell(0);
    return v.includes('EF:') || v.trimStart().startsWith('{') || v.includes(' {');
  }
  const { src } = cells;
  const start = cells.start(0);
  const end = cells.end(0);
  let i = start;
  while (i < end && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
  if (src.charCodeAt(i) === 123 /* { */) return true;
  for (; i + 2 < end; i++) {
    if (src.charCodeAt(i) === 69 && src.charCodeAt(i + 1) === 70 && src.charCodeAt(i + 2) === 58)
      return true;
  }
  for (i = start; i + 1 < end; i++) {
    if (src.charCodeAt(i) === 32 && src.charCodeAt(i + 1) === 123) return true;
  }
  return false;
}

/** True when cell `k` (k < count) is exactly TRAFFIC, checked without making its string. */
function isTraffic(cells: Row, k: number): boolean {
  if (isSpanRow(cells)) {
    const start = cells.start(k);
    return cells.end(k) - start === 7 && cells.src.startsWith('TRAFFIC', start);
  }
  return cells.cell(k) === 'TRAFFIC';
}

/**
 * True when at least HEADER_MIN_KNOWN cells are known header names. Reads one cell at a time
 * and stops there: a data line of millions of fields must not become an array of strings.
 */
function looksLikeHeader(cells: Row): boolean {
  let known = 0;
  for (let k = 0; k < cells.count; k++) {
    if (isKnownHeader(cells.cell(k)) && ++known >= HEADER_MIN_KNOWN) return true;
  }
  return false;
}

function allCells(cells: Row): string[] {
  return Array.from({ length: cells.count }, (_, k) => cells.cell(k));
}

/** The record's fields from the row's cells; `first` replaces cell 0 (a syslog line's). */
function buildFields(cells: Row, positions: ArrayLike<number>, first: string | null): Fields {
  if (isSpanRow(cells)) {
    return new LineFields(cells, cells.gen, positions, first) as unknown as Fields;
  }
  const fields = {} as Fields;
  for (let i = 0; i < FIELD_IDS.length; i++) {
    const at = positions[i] ?? -1;
    fields[FIELD_IDS[i] as FieldId] =
      at < 0 || at >= cells.count ? '' : at === 0 && first !== null ? first : cells.cell(at);
  }
  return fields;
}

/** Like `src.slice(from, to).trim() === ''`, without the copy for ordinary lines. */
function isBlank(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c > 32 && c < 127) return false;
    if (c !== 32 && (c < 9 || c > 13)) return src.slice(i, to).trim() === '';
  }
  return true;
}

/**
 * A per-line count whose key mostly repeats from line to line (header form, layout): the run of
 * the current key is kept here and added to the counts when the key changes or the counts are
 * read (Mapper.facts), one compare per line instead of a keyed write. Keys enter the counts in
 * the order they are first seen, as with a write per line.
 */
class RunCount {
  private key: string | null = null;
  private run = 0;

  add(counts: Record<string, number>, key: string): void {
    if (key === this.key) {
      this.run++;
      return;
    }
    this.flush(counts);
    this.key = key;
    this.run = 1;
  }

  /** Adds the current run to `counts`. */
  flush(counts: Record<string, number>): void {
    if (this.key !== null && this.run > 0) counts[this.key] = (counts[this.key] ?? 0) + this.run;
    this.drop();
  }

  /** Forgets the current run. */
  drop(): void {
    this.key = null;
    this.run = 0;
  }
}

/** True when any cell from `from` on is not empty (trailing empty cells are harmless). */
function hasText(cells: Row, from: number): boolean {
  for (let i = from; i < cells.count; i++) if (cells.cell(i) !== '') return true;
  return false;
}

/** Longest session id, serial number, subtype or action a held related log keeps. */
const RELATED_ID_MAX = 64;
/** Longest evidence text (URL, threat, error) a held related log keeps. */
export const RELATED_TEXT_MAX = 1024;

/** `v` cut to `max` characters, the cut marked with …. */
function clipTo(v: string, max: number): string {
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** A field's value for a message: at most 40 characters, control characters shown as \xNN. */
function clip(v: string): string {
  const cut = v.length > 40 ? v.slice(0, 40) : v;
  let out = '';
  for (const ch of cut) {
    const c = ch.charCodeAt(0);
    out += c < 32 || c === 127 ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return v.length > 40 ? `${out}…` : out;
}
