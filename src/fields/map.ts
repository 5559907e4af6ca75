// Turns one input line into a TrafficRecord, a Skip (other log type, header, blank) or a Reject
// (with a one-sentence reason and fix). One mapper per input file: it sniffs the file's format
// from the first non-blank line and keeps the header's column map. Pure: no I/O, no clock.
import { PanSerError } from '../errors.js';
import { looksLikeLogType } from '../knowledge/log-types.js';
import type { InputFormat, Mapped, Reject, RejectCode, RelatedLogType, Skip } from '../model.js';
import { parseKv } from '../input/kv.js';
import { splitLine, SplitError } from '../input/split.js';
import { splitSyslogPrefix, type SyslogHeaderKind } from '../input/syslog.js';
import { FIELD_IDS, REQUIRED_FIELDS, type FieldId, type Fields } from './field-ids.js';
import { mapKv } from './kv-map.js';
import { countKnownHeaders, HEADER_ALIASES, mapHeader } from './headers.js';
import {
  layoutForRelease,
  MIN_TRAFFIC_FIELDS,
  pickLayout,
  PRISMA_LAYOUT,
  type PreparedLayout,
} from './layout-pick.js';
import { RELATED_LAYOUTS } from './related-layouts.js';

export interface MapOptions {
  readonly inputFormat: 'auto' | InputFormat;
  /** --panos-version: forces the syslog layout (e.g. "9.1"). */
  readonly panosVersion?: string | undefined;
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
}

const BLANK: Skip = { kind: 'skip', what: '(blank)' };
const HEADER: Skip = { kind: 'skip', what: '(header)' };
const skipCache = new Map<string, Skip>();

function skipType(type: string): Skip {
  let s = skipCache.get(type);
  if (!s) {
    s = { kind: 'skip', what: type };
    if (skipCache.size < 256) skipCache.set(type, s);
  }
  return s;
}

const HEADER_MIN_KNOWN = 3;
const REASON_SLOT = FIELD_IDS.indexOf('session_end_reason');

export function createMapper(file: string, options: MapOptions): Mapper {
  const facts: FileFacts = { format: null, columns: null, headerKinds: {}, layouts: {} };
  const forced: PreparedLayout | null =
    options.panosVersion === undefined ? null : layoutForRelease(options.panosVersion);
  let state: 'start' | InputFormat = 'start';
  let columns: Int16Array | null = null;
  let needCells = 0;
  let typeCol = -1;

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
        `this CSV export has no ${names} column, which the analysis needs; its ${cells.length} columns are: ${shown}`,
        {
          file,
          line,
          hint: 'export Monitor > Logs > Traffic with all columns, or send the logs as syslog',
        },
      );
    }
    columns = Int16Array.from(FIELD_IDS, (id: FieldId) => cols[id]);
    needCells = Math.max(...REQUIRED_FIELDS.map((id) => cols[id])) + 1;
    typeCol = cols.type;
    facts.format = 'csv';
    facts.columns = cells.length;
    state = 'csv';
  }

  function fromCsv(cells: string[], line: number): Mapped {
    if (typeCol >= 0 && typeCol < cells.length) {
      const type = (cells[typeCol] ?? '').trim();
      if (type !== '' && type.toUpperCase() !== 'TRAFFIC') return skipType(type);
    }
    if (cells.length < needCells) {
      return reject(
        line,
        'SHORT_ROW',
        `row has ${cells.length} cells but the header needs at least ${needCells} (the row is cut short; re-export the file)`,
      );
    }
    const cols = columns ?? new Int16Array(0);
    const fields = {} as Fields;
    for (let i = 0; i < FIELD_IDS.length; i++) {
      const at = cols[i] ?? -1;
      fields[FIELD_IDS[i] as FieldId] = at < 0 ? '' : (cells[at] ?? '');
    }
    bump(facts.layouts, 'csv-export');
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
    const tag = kv.format === 'json' ? -1 : text.search(/(?:LEEF|CEF):/);
    bump(facts.headerKinds, tag > 0 ? splitSyslogPrefix(`${text.slice(0, tag)}-`).header : 'bare');
    const m = mapKv(kv, file, line);
    if (m.kind === 'traffic') bump(facts.layouts, m.layout);
    return m;
  }

  function fromSyslog(cells: string[], line: number, text: string): Mapped {
    const prefix = splitSyslogPrefix(cells[0] ?? '');
    if (cells.length < 4) {
      const kv = keyValue(text, line);
      if (kv) return kv;
      return reject(
        line,
        'NOT_PANOS',
        'not a PAN-OS log line: expected comma-separated fields with the log type in field 4',
      );
    }
    const type = (cells[3] ?? '').trim();
    if (type.toUpperCase() !== 'TRAFFIC') {
      if (Object.hasOwn(RELATED_LAYOUTS, type)) {
        bump(facts.headerKinds, prefix.header);
        return relatedSkip(type as RelatedLogType, cells, prefix.first, line);
      }
      if (looksLikeLogType(type)) {
        bump(facts.headerKinds, prefix.header);
        return skipType(type);
      }
      const kv = keyValue(text, line);
      if (kv) return kv;
      if ((cells[2] ?? '').trim().toUpperCase() === 'TRAFFIC') {
        bump(facts.headerKinds, prefix.header);
        return fromLayout(cells, line, PRISMA_LAYOUT, prefix.first);
      }
      return reject(
        line,
        'NOT_PANOS',
        `not a PAN-OS log line: field 4 should be the log type (TRAFFIC, THREAT, …) but is "${clip(cells[3] ?? '')}"`,
      );
    }
    bump(facts.headerKinds, prefix.header);
    if (cells.length < MIN_TRAFFIC_FIELDS) {
      return reject(
        line,
        'TOO_FEW_FIELDS',
        `TRAFFIC line has ${cells.length} fields; PAN-OS 6.1+ writes at least ${MIN_TRAFFIC_FIELDS} (Session End Reason is field ${MIN_TRAFFIC_FIELDS}); the line was cut short or comes from a release before 6.1`,
      );
    }
    const prepared = forced ?? pickLayout(cells.length, cells[5] ?? '');
    if (!prepared) {
      return reject(line, 'TOO_FEW_FIELDS', `no known layout fits ${cells.length} fields`);
    }
    return fromLayout(cells, line, prepared, prefix.first);
  }

  function fromLayout(
    cells: string[],
    line: number,
    prepared: PreparedLayout,
    first: string,
  ): Mapped {
    const need = (prepared.positions[REASON_SLOT] ?? 0) + 1;
    if (cells.length < need) {
      return reject(
        line,
        'TOO_FEW_FIELDS',
        `TRAFFIC line has ${cells.length} fields; the ${prepared.layout.id} layout needs ${need} to reach Session End Reason (the line was cut short)`,
      );
    }
    cells[0] = first;
    const pos = prepared.positions;
    const fields = {} as Fields;
    for (let i = 0; i < FIELD_IDS.length; i++) {
      const at = pos[i] ?? -1;
      fields[FIELD_IDS[i] as FieldId] = at < 0 ? '' : (cells[at] ?? '');
    }
    bump(facts.layouts, prepared.layout.id);
    return { kind: 'traffic', file, line, layout: prepared.layout.id, fields };
  }

  /** A DECRYPTION/THREAT/AUTH line: still a skip (counted by type), with what findings join. */
  function relatedSkip(type: RelatedLogType, cells: string[], first: string, line: number): Skip {
    const at = RELATED_LAYOUTS[type];
    if (cells.length < at.minFields) return skipType(type);
    cells[0] = first;
    const get = (i: number) => (cells[i] ?? '').trim();
    const sessionid = get(at.sessionid);
    if (sessionid === '' || sessionid === '0') return skipType(type);
    const detail = at.detail
      .map(get)
      .filter((v) => v !== '')
      .join(' / ');
    return {
      kind: 'skip',
      what: type,
      related: {
        type,
        file,
        line,
        serial: get(at.serial),
        sessionid,
        subtype: get(at.subtype),
        action: get(at.action),
        detail,
      },
    };
  }

  function map(text: string, line: number): Mapped {
    const body = state === 'start' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '') return BLANK;
    if (body.includes('\0')) {
      return reject(
        line,
        'BINARY',
        'the line holds NUL bytes: this is binary data, not a text log',
      );
    }
    if (state !== 'csv' && body.charCodeAt(0) === 123 /* { */) {
      const kv = keyValue(body, line);
      if (kv) return kv;
    }
    const cells = splitLine(body);
    if (cells instanceof SplitError) {
      const kv = state === 'csv' ? null : keyValue(body, line);
      if (kv) return kv;
      return reject(
        line,
        'UNTERMINATED_QUOTE',
        `a quoted field opened at character ${cells.column} never closes on this line (fix or remove the stray quote)`,
      );
    }
    if (state === 'start') {
      const looksHeader = countKnownHeaders(cells) >= HEADER_MIN_KNOWN;
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
        readHeader(cells, line);
        return HEADER;
      }
      state = 'syslog';
      facts.format = 'syslog';
    }
    return state === 'csv' ? fromCsv(cells, line) : fromSyslog(cells, line, body);
  }

  return { facts, map };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
