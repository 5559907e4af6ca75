// The TRAFFIC fields pan-ser reads, by the vendor's short syslog variable name, and their kind.
// Mapping (by header name or by layout position) fills exactly these; everything else in a
// line is ignored. Facts: PAN-OS traffic log field docs (panos-traffic-format.md §4).

export type FieldKind = 'text' | 'int' | 'hex' | 'time';

export const FIELD_SPECS = {
  receive_time: 'time',
  serial: 'text',
  type: 'text',
  subtype: 'text',
  config_ver: 'text',
  time_generated: 'time',
  src: 'text',
  dst: 'text',
  natsrc: 'text',
  natdst: 'text',
  rule: 'text',
  srcuser: 'text',
  dstuser: 'text',
  app: 'text',
  vsys: 'text',
  from: 'text',
  to: 'text',
  inbound_if: 'text',
  outbound_if: 'text',
  sessionid: 'text',
  repeatcnt: 'int',
  sport: 'int',
  dport: 'int',
  flags: 'hex',
  proto: 'text',
  action: 'text',
  bytes: 'int',
  bytes_sent: 'int',
  bytes_received: 'int',
  packets: 'int',
  start: 'time',
  elapsed: 'int',
  category: 'text',
  srcloc: 'text',
  dstloc: 'text',
  pkts_sent: 'int',
  pkts_received: 'int',
  session_end_reason: 'text',
  vsys_name: 'text',
  device_name: 'text',
  action_source: 'text',
  rule_uuid: 'text',
} as const satisfies Record<string, FieldKind>;

export type FieldId = keyof typeof FIELD_SPECS;

export const FIELD_IDS = Object.keys(FIELD_SPECS) as readonly FieldId[];

/** Raw text of every field pan-ser reads; '' when the input does not carry it. */
export type Fields = Record<FieldId, string>;

/** Fields without which a line cannot be analysed: an export lacking one is refused. */
export const REQUIRED_FIELDS: readonly FieldId[] = ['action', 'session_end_reason'];
