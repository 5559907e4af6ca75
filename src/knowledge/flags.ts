// The bits of the 32-bit Flags field (TRAFFIC idx 28). Facts: PAN-OS traffic log field docs,
// "Flags" row, and the Strata CEF/JSON booleans for the same bits (§6, §8.3). Names are ours:
// findings and `explain` refer to them by key.
import { memoize } from './memo.js';

export interface FlagInfo {
  readonly mask: number;
  readonly label: string;
  /** The boolean that carries this bit in Strata Logging Service logs (CEF adds a "PanOS" prefix). */
  readonly strata?: string;
  /**
   * Yes/no columns that carry this bit when a CSV export has no Flags column: the XML API's
   * per-bit element names (§8.5) and spelled-out names some exports use (unverified).
   */
  readonly columns?: readonly string[];
}

export const FLAGS = {
  pcap: {
    mask: 0x80000000,
    label: 'packet capture exists',
    strata: 'IsPacketCapture',
    columns: ['flag-pcap', 'Packet Capture'],
  },
  mptcp: { mask: 0x40000000, label: 'client may use multipath TCP', strata: 'IsMptcpOn' },
  wildfire: { mask: 0x20000000, label: 'sample sent to WildFire' },
  credential: {
    mask: 0x10000000,
    label: 'corporate credential submission detected',
    strata: 'IsPhishing',
  },
  recon_excluded: {
    mask: 0x08000000,
    label: 'source exempt from reconnaissance protection',
    strata: 'IsReconExcluded',
  },
  ipv6: { mask: 0x02000000, label: 'IPv6 session', strata: 'IsIPV6' },
  decrypted: {
    mask: 0x01000000,
    label: 'SSL decrypted (forward or inbound proxy)',
    strata: 'IsDecrypted',
    // The XML API's flag-proxy is the SSL-proxy bit (the log filter "flags has proxy" lists
    // decrypted sessions); the proxy-transaction bit is its `transaction` element.
    columns: ['flag-proxy', 'Decrypted'],
  },
  url_denied: {
    mask: 0x00800000,
    label: 'denied by URL filtering',
    strata: 'IsURLDenied',
    columns: ['flag-url-denied', 'URL Denied'],
  },
  nat: { mask: 0x00400000, label: 'NAT applied', strata: 'NAT', columns: ['flag-nat', 'NAT'] },
  captive_portal: {
    mask: 0x00200000,
    label: 'user identified by Authentication (Captive) Portal',
    strata: 'CaptivePortal',
    columns: ['captive-portal', 'Captive Portal'],
  },
  nonstd_port: {
    mask: 0x00100000,
    label: 'application on a non-standard destination port',
    strata: 'IsNonStandardDestinationPort',
  },
  xff: {
    mask: 0x00080000,
    label: 'X-Forwarded-For value used as source user',
    strata: 'IsSourceXForwarded',
  },
  proxy_transaction: {
    mask: 0x00040000,
    label: 'transaction inside an HTTP proxy session',
    strata: 'IsTransaction',
    columns: ['transaction', 'Proxy Transaction'],
  },
  pbf_c2s: {
    mask: 0x00020000,
    label: 'client-to-server flow policy-based forwarded',
    strata: 'IsClienttoServer',
    columns: ['pbf-c2s'],
  },
  pbf_s2c: {
    mask: 0x00010000,
    label: 'server-to-client flow policy-based forwarded',
    strata: 'IsServertoClient',
    columns: ['pbf-s2c'],
  },
  container_page: { mask: 0x00008000, label: 'container page access', strata: 'IsContainer' },
  implicit_app: {
    mask: 0x00002000,
    label: 'temporary match for an implicit application dependency',
    columns: ['temporary-match'],
  },
  symmetric_return: {
    mask: 0x00000800,
    label: 'forwarded with symmetric return',
    strata: 'IsSystemReturn',
    columns: ['sym-return', 'Symmetric Return'],
  },
  decrypt_mirror: {
    mask: 0x00000400,
    label: 'decrypted traffic copied to a mirror port',
    strata: 'IsDecryptMirror',
    columns: ['decrypt-mirror', 'Mirrored'],
  },
  tunnel_inspected: {
    mask: 0x00000100,
    label: 'outer tunnel payload inspected',
    strata: 'IsTunnelInspected',
  },
} as const satisfies Record<string, FlagInfo>;

export type FlagKey = keyof typeof FLAGS;

export const FLAG_KEYS = Object.keys(FLAGS) as readonly FlagKey[];

const KNOWN_MASK = FLAG_KEYS.reduce((m, k) => (m | FLAGS[k].mask) >>> 0, 0);

/**
 * Parses `0x…` (or a plain decimal) into an unsigned 32-bit value; null when unreadable.
 * Memoised: the few hundred distinct values a log has repeat on every line (the usual form is
 * read in place by flagsIn).
 */
export const parseFlags: (raw: string) => number | null = memoize((raw) => {
  const v = raw.trim();
  if (v === '') return null;
  const n = /^0x[0-9a-f]{1,8}$/i.test(v)
    ? parseInt(v.slice(2), 16)
    : /^\d{1,10}$/.test(v)
      ? Number(v)
      : NaN;
  return Number.isFinite(n) && n <= 0xffffffff ? n >>> 0 : null;
});

/**
 * parseFlags of `text[from, to)`, or -1 for its null, as a fields/map.ts fieldReader: `0x` and
 * 1-8 hex digits (the form PAN-OS writes) are read in place, anything else through parseFlags.
 */
export function flagsIn(text: string, from: number, to: number): number {
  const len = to - from;
  if (len >= 3 && len <= 10 && text.charCodeAt(from) === 48 && text.charCodeAt(from + 1) === 120) {
    let n = 0;
    let i = from + 2;
    for (; i < to; i++) {
      const d = hexDigit(text.charCodeAt(i));
      if (d < 0) break;
      n = n * 16 + d;
    }
    if (i === to) return n;
  }
  return parseFlags(text.slice(from, to)) ?? -1;
}

/** The value of a hex digit's character code (0-9, a-f, A-F), or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

export function hasFlag(flags: number, key: FlagKey): boolean {
  return (flags & FLAGS[key].mask) !== 0;
}

export interface DecodedFlags {
  readonly known: readonly FlagKey[];
  /** Bits the docs do not name, as `0x…`, or null when there are none. */
  readonly undocumented: string | null;
}

export function decodeFlags(flags: number): DecodedFlags {
  const known = FLAG_KEYS.filter((k) => hasFlag(flags, k));
  const rest = (flags & ~KNOWN_MASK) >>> 0;
  return { known, undocumented: rest === 0 ? null : `0x${rest.toString(16)}` };
}
