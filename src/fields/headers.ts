// Web-UI "Export to CSV" header names for each field pan-ser reads, across releases, in
// priority order (the first one present in a header row wins). Names are compared normalised:
// lower case, letters and digits only. Facts: panos-fields.json csvExportHeaderToSyslogVar and
// the syslog display names of every release (panos-traffic-format.md §5); last come the syslog
// variable names, which are also the XML API's element names (§8.5), so a CSV made from XML API
// log entries (the same source as the flag-* columns in flags.ts) keeps every field.
import { FLAGS, FLAG_KEYS, type FlagInfo } from '../knowledge/flags.js';
import type { FieldId } from './field-ids.js';

export const HEADER_ALIASES = {
  receive_time: ['Receive Time'],
  serial: ['Serial #', 'Serial Number', 'Serial'],
  type: ['Type', 'Log Type'],
  subtype: ['Threat/Content Type', 'Subtype', 'Sub Type'],
  config_ver: ['Config Version', 'config_ver'],
  time_generated: ['Generate Time', 'Generated Time', 'Time Generated'],
  src: ['Source address', 'Source IP', 'Source', 'src'],
  dst: ['Destination address', 'Destination IP', 'Destination', 'dst'],
  natsrc: ['NAT Source IP', 'NAT Source Address', 'natsrc'],
  natdst: ['NAT Destination IP', 'NAT Destination Address', 'natdst'],
  rule: ['Rule', 'Rule Name', 'Security Rule'],
  srcuser: ['Source User', 'srcuser'],
  dstuser: ['Destination User', 'dstuser'],
  app: ['Application', 'app'],
  vsys: ['Virtual System', 'vsys'],
  from: ['Source Zone', 'From Zone', 'from'],
  to: ['Destination Zone', 'To Zone', 'to'],
  inbound_if: ['Inbound Interface', 'inbound_if'],
  outbound_if: ['Outbound Interface', 'outbound_if'],
  sessionid: ['Session ID'],
  repeatcnt: ['Repeat Count', 'repeatcnt'],
  sport: ['Source Port', 'sport'],
  dport: ['Destination Port', 'dport'],
  flags: ['Flags'],
  proto: ['IP Protocol', 'Protocol', 'proto'],
  action: ['Action'],
  bytes: ['Bytes'],
  bytes_sent: ['Bytes Sent'],
  bytes_received: ['Bytes Received'],
  packets: ['Packets'],
  start: ['Start Time', 'start'],
  elapsed: ['Elapsed Time (sec)', 'Elapsed Time', 'elapsed'],
  category: ['Category', 'URL Category'],
  srcloc: ['Source Country', 'Source Location', 'srcloc'],
  dstloc: ['Destination Country', 'Destination Location', 'dstloc'],
  pkts_sent: ['pkts_sent', 'Packets Sent'],
  pkts_received: ['pkts_received', 'Packets Received'],
  session_end_reason: ['Session End Reason', 'session_end_reason'],
  vsys_name: ['Virtual System Name', 'vsys_name'],
  device_name: ['Device Name'],
  action_source: ['Action Source'],
  rule_uuid: ['Rule UUID', 'UUID for rule'],
} as const satisfies Record<FieldId, readonly string[]>;

export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Column index of each field in a header row; -1 when the row does not carry it. */
export function mapHeader(header: readonly string[]): Record<FieldId, number> {
  const firstAt = new Map<string, number>();
  header.forEach((h, i) => {
    const k = normalizeHeader(h.replace(/^\uFEFF/, ''));
    if (k !== '' && !firstAt.has(k)) firstAt.set(k, i);
  });
  const out = {} as Record<FieldId, number>;
  for (const id of Object.keys(HEADER_ALIASES) as FieldId[]) {
    let at = -1;
    for (const name of HEADER_ALIASES[id]) {
      const i = firstAt.get(normalizeHeader(name));
      if (i !== undefined) {
        at = i;
        break;
      }
    }
    out[id] = at;
  }
  return out;
}

/** How many cells of a row are known header names: a header row has many, a data row few. */
export function countKnownHeaders(row: readonly string[]): number {
  let n = 0;
  for (const cell of row) if (isKnownHeader(cell)) n++;
  return n;
}

/** True when `cell` is a known header name (compared as normalizeHeader compares). */
export function isKnownHeader(cell: string): boolean {
  return KNOWN.has(normalizeHeader(cell));
}

const KNOWN = new Set<string>(
  Object.values(HEADER_ALIASES).flatMap((names: readonly string[]) => names.map(normalizeHeader)),
);

/** A yes/no column that carries one Flags bit (used when an export has no Flags column). */
export interface FlagColumn {
  readonly col: number;
  readonly mask: number;
}

/** The yes/no flag columns of a header row, from the flag table's column names. */
export function flagColumns(header: readonly string[]): FlagColumn[] {
  const byName = new Map<string, number>();
  for (const key of FLAG_KEYS) {
    const info: FlagInfo = FLAGS[key];
    for (const name of info.columns ?? []) byName.set(normalizeHeader(name), info.mask);
  }
  const out: FlagColumn[] = [];
  header.forEach((h, col) => {
    const mask = byName.get(normalizeHeader(h));
    if (mask !== undefined) out.push({ col, mask });
  });
  return out;
}

/** The Flags value (`0x…`) spelled by yes/no cells; '' when none of them holds a value. */
export function flagsFromColumns(
  cell: (col: number) => string,
  cols: readonly FlagColumn[],
): string {
  let flags = 0;
  let seen = false;
  for (const { col, mask } of cols) {
    const v = cell(col).trim().toLowerCase();
    if (v === '') continue;
    seen = true;
    if (v === 'yes' || v === 'true' || v === '1' || v === 'y') flags |= mask;
  }
  return seen ? `0x${(flags >>> 0).toString(16)}` : '';
}
