// PAN-OS log types that share the CSV syslog envelope (field 3 holds the type). Used to tell a
// line of another log type (skipped, counted by type) from a line that is not a PAN-OS log.
// Facts: PAN-OS syslog field descriptions, one page per log type.

export const LOG_TYPES = [
  'TRAFFIC',
  'THREAT',
  'URL',
  'DATA',
  'WILDFIRE',
  'SYSTEM',
  'CONFIG',
  'HIPMATCH',
  'HIP-MATCH',
  'GLOBALPROTECT',
  'USERID',
  'AUTH',
  'DECRYPTION',
  'TUNNEL',
  'GTP',
  'SCTP',
  'IPTAG',
  'CORRELATION',
  'SAAS',
] as const;

const KNOWN = new Set<string>(LOG_TYPES);

export function isKnownLogType(v: string): boolean {
  return KNOWN.has(v);
}

/** Something that has the shape of a log type word (upper-case), known or not. */
export function looksLikeLogType(v: string): boolean {
  return /^[A-Z][A-Z0-9_-]{1,31}$/.test(v);
}
