// Parses the key=value log formats PAN-OS and Strata Logging Service can send instead of CSV:
// LEEF 1.0/2.0, CEF and Strata JSON lines. Returns the header slots and a key → value map; what
// the keys mean lives in fields/kv-formats.ts. Pure; linear time on any input.

export type KvFormat = 'leef' | 'cef' | 'json';

export interface KvRecord {
  readonly format: KvFormat;
  /** Header slots after the format tag (LEEF: vendor, product, version, event id; CEF: +name, severity). */
  readonly header: readonly string[];
  readonly values: ReadonlyMap<string, string>;
}

const LEEF_AT = /(?:^|\s)LEEF:(\d(?:\.\d)?)\|/;
const CEF_AT = /(?:^|\s)CEF:\d+\|/;

/** Finds a LEEF, CEF or JSON payload in a line (after any syslog header), or returns null. */
export function parseKv(line: string): KvRecord | null {
  const t = line.trimStart();
  if (t.startsWith('{')) return parseJson(t);
  // Strata Logging Service's syslog forwarding: a syslog header (program `logforwarder`), then
  // the JSON object.
  const brace = jsonAfterHeader(line);
  if (brace > 0) return parseJson(line.slice(brace));
  const leef = LEEF_AT.exec(line);
  if (leef) return parseLeef(line.slice(leef.index + leef[0].length), leef[1] ?? '1.0');
  const cef = CEF_AT.exec(line);
  if (cef) return parseCef(line.slice(cef.index + cef[0].length));
  return null;
}

/** Where a JSON object that ends the line starts after a syslog header (` {`), or -1. */
export function jsonAfterHeader(line: string): number {
  const at = line.indexOf(' {');
  return at >= 0 && line.trimEnd().endsWith('}') ? at + 1 : -1;
}

/**
 * Splits `count` pipe-delimited header slots. CEF/LEEF escape only a pipe (`\|`) and a backslash
 * (`\\`) there; any other backslash is kept as written (`corp\jo`).
 */
function headerSlots(text: string, count: number): { slots: string[]; rest: string } | null {
  const slots: string[] = [];
  let cur = '';
  let i = 0;
  for (; i < text.length && slots.length < count; i++) {
    const ch = text.charAt(i);
    const next = text.charAt(i + 1);
    if (ch === '\\' && (next === '|' || next === '\\')) {
      cur += next;
      i++;
    } else if (ch === '|') {
      slots.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  return slots.length === count ? { slots, rest: text.slice(i) } : null;
}

function parseLeef(text: string, version: string): KvRecord | null {
  // LEEF 1.0: vendor|product|version|eventID| then tab-separated pairs; PAN-OS's QRadar format
  // sends LEEF 1.0 with `|` between them instead, which a line without tabs is read with.
  // LEEF 2.0: vendor|product|version|eventID|delimiter| where the delimiter is a character or
  // its hex code (x7C, ^, …).
  const v2 = version.startsWith('2');
  const h = headerSlots(text, v2 ? 5 : 4);
  if (!h) return null;
  let sep = '\t';
  if (!v2 && !h.rest.includes('\t') && h.rest.includes('|')) sep = '|';
  if (v2) {
    const d = h.slots[4] ?? '';
    if (/^(?:0?x)[0-9a-f]{2,4}$/i.test(d))
      sep = String.fromCharCode(parseInt(d.replace(/^0?x/i, ''), 16));
    else if (d.length === 1) sep = d;
  }
  const values = new Map<string, string>();
  for (const pair of splitEscaped(h.rest, sep)) {
    const eq = pair.indexOf('=');
    if (eq > 0) values.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  return { format: 'leef', header: h.slots.slice(0, 4), values };
}

/**
 * Splits LEEF attributes at `sep`, except where a backslash escapes it (PAN-OS's custom log
 * format can escape characters with `\`): `\<sep>` becomes `<sep>` in the value. Other
 * backslashes are kept as written (user names such as `corp\jo` are sent raw).
 */
function splitEscaped(text: string, sep: string): string[] {
  if (sep === '\\' || !text.includes(`\\${sep}`)) return text.split(sep);
  const out: string[] = [];
  let cur = '';
  let from = 0;
  for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, at + 1)) {
    if (text.charAt(at - 1) === '\\' && at - 1 >= from) {
      cur += text.slice(from, at - 1) + sep;
      from = at + 1;
      continue;
    }
    out.push(cur + text.slice(from, at));
    cur = '';
    from = at + 1;
  }
  out.push(cur + text.slice(from));
  return out;
}

// A CEF extension key starts after a space (or at the start) and ends at an unescaped `=`.
const CEF_KEY = /(?:^| )([A-Za-z0-9_.-]+)=/g;

function parseCef(text: string): KvRecord | null {
  const h = headerSlots(text, 6);
  if (!h) return null;
  const values = new Map<string, string>();
  const ext = h.rest;
  const keys: { key: string; start: number; valueAt: number }[] = [];
  CEF_KEY.lastIndex = 0;
  for (let m = CEF_KEY.exec(ext); m; m = CEF_KEY.exec(ext)) {
    // A space after an odd run of backslashes is escaped: the pair belongs to the value. An
    // even run is escaped backslashes ending the value before it (`suser=DOM\\ act=deny`).
    if (backslashesBefore(ext, m.index) % 2 === 1) continue;
    keys.push({ key: m[1] ?? '', start: m.index, valueAt: m.index + m[0].length });
  }
  keys.forEach((k, i) => {
    const end = keys[i + 1]?.start ?? ext.length;
    values.set(k.key, unescapeCef(ext.slice(k.valueAt, end)));
  });
  return { format: 'cef', header: h.slots, values };
}

function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === 92) n++;
  return n;
}

function unescapeCef(v: string): string {
  return v.replace(/\\([\\=nr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function parseJson(text: string): KvRecord | null {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return null;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (v === null || v === undefined) values.set(k, '');
    else if (typeof v === 'string') values.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') values.set(k, String(v));
  }
  return { format: 'json', header: [], values };
}
