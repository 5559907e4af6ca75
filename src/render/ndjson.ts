// `--format ndjson`: one JSON object per analysed session (after --where/--since/--until), for jq
// and SIEM import: the normalised fields, the reason's meaning and category from the reason
// table, decoded flags and finding ids. Pure: (record) => one line; the command does the writing.
import { formatLogTime } from '../fields/time.js';
import { decodeFlags } from '../knowledge/flags.js';
import { REASONS } from '../knowledge/reasons.js';
import type { Classified } from '../model.js';
import { UNRECOGNIZED } from '../aggregate/aggregator.js';
import { safeJson } from './json.js';

const intOrNull = (raw: string): number | null => {
  const v = raw.trim();
  if (!/^\d{1,15}$/.test(v)) return null;
  return Number(v);
};

export function ndjsonLine(c: Classified): string {
  const f = c.rec.fields;
  const info = c.reason === null ? null : REASONS[c.reason];
  const flags = c.flags === null ? null : decodeFlags(c.flags);
  const record = {
    file: c.rec.file,
    line: c.rec.line,
    time: c.time === null ? null : formatLogTime(c.time),
    device: f.device_name || f.serial,
    vsys: f.vsys_name || f.vsys,
    sessionid: f.sessionid,
    src: f.src,
    sport: intOrNull(f.sport),
    dst: f.dst,
    dport: intOrNull(f.dport),
    proto: f.proto,
    natsrc: f.natsrc,
    natdst: f.natdst,
    from: f.from,
    to: f.to,
    rule: f.rule,
    srcuser: f.srcuser,
    dstuser: f.dstuser,
    app: f.app,
    action: c.action ?? UNRECOGNIZED,
    actionRaw: f.action,
    reason: c.reason ?? UNRECOGNIZED,
    reasonRaw: f.session_end_reason,
    category: info?.category ?? 'unrecognized',
    precedence: info?.precedence ?? null,
    meaning: info?.meaning ?? null,
    flags: flags === null ? null : [...flags.known],
    flagsUndocumented: flags?.undocumented ?? null,
    bytes: c.bytes,
    bytesSent: intOrNull(f.bytes_sent),
    bytesReceived: intOrNull(f.bytes_received),
    packets: intOrNull(f.packets),
    elapsed: intOrNull(f.elapsed),
    repeat: c.repeat,
    findings: c.findings,
  };
  return `${safeJson(record)}\n`;
}
