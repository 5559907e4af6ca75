// What a PAN-OS log type looks like: field 4 of the CSV syslog envelope holds it (TRAFFIC,
// THREAT, SYSTEM, DECRYPTION, …). A line whose field 4 has that shape but is not TRAFFIC is
// skipped and counted by its type, known or not; anything else there is not a PAN-OS log.

/** Something that has the shape of a log type word (upper case), known or not. */
export function looksLikeLogType(v: string): boolean {
  return /^[A-Z][A-Z0-9_-]{1,31}$/.test(v);
}
