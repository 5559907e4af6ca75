// Recognises the syslog envelope in front of a PAN-OS CSV payload. A syslog header has no
// commas, so after splitting the line it all sits in field 0 together with the payload's own
// first value ("1"): this module separates the two and names the header form. Pure.

export type SyslogHeaderKind =
  'bare' | 'bsd' | 'bsd-no-pri' | 'rfc5424' | 'rfc6587+rfc5424' | 'rfc6587+bsd' | 'other';

const OCTET_COUNT = /^\d{1,6} (?=<)/;
const RFC5424 = /^<\d{1,3}>1 /;
const BSD_PRI = /^<\d{1,3}> ?[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d/;
const BSD_NO_PRI = /^[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d/;

export interface SyslogPrefix {
  readonly header: SyslogHeaderKind;
  /** The payload's field 0 (normally "1"). */
  readonly first: string;
}

/** Field 0 `text[from, to)` (the whole string by default) split into header and payload. */
export function splitSyslogPrefix(text: string, from = 0, to = text.length): SyslogPrefix {
  let cut = to - 1;
  while (cut >= from) {
    const c = text.charCodeAt(cut);
    if (c === 32 || c === 9) break;
    cut--;
  }
  if (cut < from) return { header: 'bare', first: text.slice(from, to) };
  return { header: headerKind(text, from, cut + 1), first: text.slice(cut + 1, to) };
}

/**
 * The last few header forms read, with their kinds: consecutive logs mostly share a form, and
 * logs from a few firewalls (host names of different lengths) interleave. Newest first. A form
 * is the header's character codes with -1 where any digit matches (see formOf).
 */
const RECENT = 8;
const recentForms: Int32Array[] = [];
const recentKinds: SyslogHeaderKind[] = [];

/**
 * The kind of the header `text[from, end)`, compared in place with the recent forms: a header
 * of the same length that differs from one only where both hold a digit (the time, the PRI, an
 * octet count) is of the same kind, since the forms match digits only as a class (\d).
 */
function headerKind(text: string, from: number, end: number): SyslogHeaderKind {
  const len = end - from;
  for (let k = 0; k < recentForms.length; k++) {
    const form = recentForms[k] as Int32Array;
    if (form.length === len && hasForm(form, text, from)) return recentKinds[k] as SyslogHeaderKind;
  }
  const head = text.slice(from, end);
  const kind = readHeaderKind(head);
  if (recentForms.length >= RECENT) {
    recentForms.pop();
    recentKinds.pop();
  }
  recentForms.unshift(formOf(head));
  recentKinds.unshift(kind);
  return kind;
}

/**
 * A header's form: each character's code, or -1 for a digit, which any digit matches. The one
 * literal digit, RFC 5424's version right after `>`, keeps its code: it must be equal.
 */
function formOf(head: string): Int32Array {
  const form = new Int32Array(head.length);
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    const free = c >= 48 && c <= 57 && !(i > 0 && head.charCodeAt(i - 1) === 62); /* > */
    form[i] = free ? -1 : c;
  }
  return form;
}

/** True when `text` from `from` has `form` (its length is checked by the caller). */
function hasForm(form: Int32Array, text: string, from: number): boolean {
  for (let i = 0; i < form.length; i++) {
    const a = text.charCodeAt(from + i);
    const b = form[i] ?? 0;
    if (a !== b && (b !== -1 || a < 48 || a > 57)) return false;
  }
  return true;
}

/** The kind of a header, read afresh (splitSyslogPrefix caches it). */
export function readHeaderKind(head: string): SyslogHeaderKind {
  const counted = OCTET_COUNT.exec(head);
  const rest = counted ? head.slice(counted[0].length) : head;
  if (RFC5424.test(rest)) return counted ? 'rfc6587+rfc5424' : 'rfc5424';
  if (BSD_PRI.test(rest)) return counted ? 'rfc6587+bsd' : 'bsd';
  if (BSD_NO_PRI.test(rest)) return 'bsd-no-pri';
  return 'other';
}
