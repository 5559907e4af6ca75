// Recognises the syslog envelope in front of a PAN-OS CSV payload. A syslog header has no
// commas, so after splitting the line it all sits in field 0 together with the payload's own
// first value ("1"): this module separates the two and names the header form. Pure.
import { ownCopy } from './blocks.js';

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
 * The last few headers read, with their kinds: consecutive logs mostly share a form, and logs
 * from a few firewalls (host names of different lengths) interleave. Newest first.
 */
const RECENT = 8;
const recentHeads: string[] = [];
const recentKinds: SyslogHeaderKind[] = [];

/**
 * The kind of the header `text[from, end)`, compared in place with the recent ones: a header of
 * the same length that differs from one only where both hold a digit (the time, the PRI, an
 * octet count) is of the same kind, since the forms match digits only as a class (\d). The one
 * literal digit, RFC 5424's version after `>`, must be equal.
 */
function headerKind(text: string, from: number, end: number): SyslogHeaderKind {
  const len = end - from;
  for (let k = 0; k < recentHeads.length; k++) {
    const head = recentHeads[k] as string;
    if (head.length === len && sameForm(head, text, from))
      return recentKinds[k] as SyslogHeaderKind;
  }
  const head = ownCopy(text.slice(from, end));
  const kind = readHeaderKind(head);
  if (recentHeads.length >= RECENT) {
    recentHeads.pop();
    recentKinds.pop();
  }
  recentHeads.unshift(head);
  recentKinds.unshift(kind);
  return kind;
}

function sameForm(head: string, text: string, from: number): boolean {
  for (let i = 0; i < head.length; i++) {
    const a = text.charCodeAt(from + i);
    const b = head.charCodeAt(i);
    if (a === b) continue;
    if (a < 48 || a > 57 || b < 48 || b > 57) return false;
    if (i > 0 && head.charCodeAt(i - 1) === 62 /* > */) return false;
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
