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

export function splitSyslogPrefix(field0: string): SyslogPrefix {
  const cut = Math.max(field0.lastIndexOf(' '), field0.lastIndexOf('\t'));
  if (cut < 0) return { header: 'bare', first: field0 };
  return { header: headerKind(field0, cut + 1), first: field0.slice(cut + 1) };
}

/** The last header seen and its kind: consecutive logs mostly share host and second. */
let lastHead = '';
let lastKind: SyslogHeaderKind = 'other';

/** The kind of the header `field0[0, end)`, compared in place with the last one. */
function headerKind(field0: string, end: number): SyslogHeaderKind {
  if (end === lastHead.length && field0.startsWith(lastHead)) return lastKind;
  lastHead = ownCopy(field0.slice(0, end));
  lastKind = readHeaderKind(lastHead);
  return lastKind;
}

function readHeaderKind(head: string): SyslogHeaderKind {
  const counted = OCTET_COUNT.exec(head);
  const rest = counted ? head.slice(counted[0].length) : head;
  if (RFC5424.test(rest)) return counted ? 'rfc6587+rfc5424' : 'rfc5424';
  if (BSD_PRI.test(rest)) return counted ? 'rfc6587+bsd' : 'bsd';
  if (BSD_NO_PRI.test(rest)) return 'bsd-no-pri';
  return 'other';
}
