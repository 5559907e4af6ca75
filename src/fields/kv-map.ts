// Maps a parsed LEEF/CEF/JSON record (input/kv.ts) to a TrafficRecord, a Skip (another log
// type) or a Reject, using the key tables in kv-formats.ts and, for Strata logs that split the
// Flags field into booleans, the flag table in knowledge/flags.ts. Pure.
import { FLAGS, FLAG_KEYS } from '../knowledge/flags.js';
import { looksLikeLogType } from '../knowledge/log-types.js';
import type { KvRecord } from '../input/kv.js';
import type { Mapped } from '../model.js';
import { FIELD_IDS, type Fields } from './field-ids.js';
import { CEF_BYTES, KV_KEYS } from './kv-formats.js';

export function mapKv(rec: KvRecord, file: string, line: number): Mapped {
  const table = KV_KEYS[rec.format];
  const fields = {} as Fields;
  for (const id of FIELD_IDS) {
    let v = '';
    for (const key of table[id] ?? []) {
      const got = rec.values.get(key);
      if (got !== undefined) {
        v = got;
        break;
      }
    }
    fields[id] = v;
  }
  if (rec.format === 'cef') {
    // Header: vendor|product|version|device event class id|name|severity. The PAN-OS template
    // puts the subtype then the type there; Strata puts the type first. The type is upper case.
    const [a = '', b = ''] = [rec.header[3], rec.header[4]];
    const typeFirst = looksLikeLogType(a) && !looksLikeLogType(b);
    fields.type = typeFirst ? a : b;
    fields.subtype = typeFirst ? b : a;
    const dir = rec.header[1] === 'LF' ? CEF_BYTES.strata : CEF_BYTES.firewall;
    fields.bytes_sent = rec.values.get(dir.bytes_sent) ?? '';
    fields.bytes_received = rec.values.get(dir.bytes_received) ?? '';
  }
  if (rec.format === 'leef' && fields.action === '') fields.action = rec.header[3] ?? '';
  if (fields.flags === '')
    fields.flags = flagsFromBooleans(rec, rec.format === 'cef' ? 'PanOS' : '');
  if (fields.bytes === '' && (fields.bytes_sent !== '' || fields.bytes_received !== '')) {
    fields.bytes = String((Number(fields.bytes_sent) || 0) + (Number(fields.bytes_received) || 0));
  }

  const type = fields.type.trim().toUpperCase();
  if (type !== 'TRAFFIC') {
    // Skips are counted under their type, so only a log type word names one.
    if (looksLikeLogType(type)) return { kind: 'skip', what: type };
    return {
      kind: 'reject',
      file,
      line,
      code: 'NOT_PANOS',
      message:
        type === ''
          ? `a ${rec.format.toUpperCase()} record without a log type (expected a TRAFFIC log from PAN-OS or Strata Logging Service)`
          : `a ${rec.format.toUpperCase()} record whose log type is not a log type word (expected TRAFFIC, THREAT, …; the record is damaged or its delimiter was not recognised)`,
    };
  }
  return { kind: 'traffic', file, line, layout: rec.format.toUpperCase(), fields };
}

/** Rebuilds the Flags value from Strata's per-bit booleans; '' when none is present. */
function flagsFromBooleans(rec: KvRecord, prefix: string): string {
  let flags = 0;
  let seen = false;
  for (const key of FLAG_KEYS) {
    const name: string | undefined = (FLAGS[key] as { strata?: string }).strata;
    if (name === undefined) continue;
    const v = rec.values.get(prefix + name);
    if (v === undefined) continue;
    seen = true;
    if (v.toLowerCase() === 'true' || v.toLowerCase() === 'yes') flags |= FLAGS[key].mask;
  }
  return seen ? `0x${(flags >>> 0).toString(16)}` : '';
}
