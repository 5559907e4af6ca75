// Where the fields that explain a session's end sit in the DECRYPTION, THREAT and AUTH syslog
// formats (index 0 = the leading FUTURE_USE field, as for TRAFFIC). Data only: map.ts reads it
// to give skipped lines of those types a small `related` payload; nothing else restates it.
// Facts: PAN-OS syslog field descriptions ("Decryption Log Fields", "Threat Log Fields",
// "Authentication Log Fields", docs.paloaltonetworks.com, 10.x-12.x format strings).
import type { RelatedLogType } from '../model.js';

export interface RelatedLayout {
  /** Fewer fields than this and the line is too short to carry the session id. */
  readonly minFields: number;
  readonly serial: number;
  readonly sessionid: number;
  readonly subtype: number;
  readonly action: number;
  /** Fields joined (non-empty ones, " / ") into the evidence text, in this order. */
  readonly detail: readonly number[];
  readonly note: string;
}

export const RELATED_LAYOUTS = {
  DECRYPTION: {
    // 45 Error Index (e.g. Certificate, Version, Cipher), 64 Error (the handshake error text).
    minFields: 65,
    serial: 2,
    sessionid: 22,
    subtype: 4,
    action: 30,
    detail: [45, 64],
    note: 'PAN-OS 10.0+ (the Decryption log type was added in 10.0)',
  },
  THREAT: {
    // 31 URL/Filename (the URL of a URL Filtering log, the file of a virus or file log),
    // 32 Threat ID (name and id, e.g. "Eicar Test File(39040)"), 33 Category (the URL
    // category), 34 Severity.
    minFields: 34,
    serial: 2,
    sessionid: 22,
    subtype: 4,
    action: 30,
    detail: [31, 32, 33, 34],
    note: 'every release; URL Filtering logs are THREAT logs with subtype url',
  },
  AUTH: {
    // 20 Event Type (auth-success, auth-fail, …), 18 Description; Session ID is field 45.
    minFields: 46,
    serial: 2,
    sessionid: 45,
    subtype: 4,
    action: 20,
    detail: [20, 18],
    note: 'Session ID is in the 11.1+ format; AUTH logs without it cannot be joined to a session',
  },
} as const satisfies Record<RelatedLogType, RelatedLayout>;
