// THE table of PAN-OS Session End Reasons: precedence, category, plain-words meaning, usual
// causes and next checks. Every other part (classifier, renderers, `pan-ser reasons`, README,
// JSON enum) reads this table; nothing else may restate it.
// Facts (values, precedence): PAN-OS traffic log field docs, "Session End Reason" row
// (see ../shared/formats/panos-traffic-format.md §7.4). The wording is ours.

import { memoize } from './memo.js';

export type ReasonCategory =
  'threat' | 'policy' | 'decryption' | 'teardown' | 'resource' | 'timeout' | 'other';

export interface ReasonInfo {
  /** 1 = highest: when several causes apply the firewall logs the one with the lowest number. */
  readonly precedence: number;
  readonly category: ReasonCategory;
  /** One sentence an admin can read without the docs. */
  readonly meaning: string;
  readonly causes: readonly string[];
  readonly nextChecks: readonly string[];
  /** Decryption reasons: the failure family they stand for, in a few words. */
  readonly family?: string;
}

export const REASONS = {
  threat: {
    precedence: 1,
    category: 'threat',
    meaning:
      'A security profile found a threat in the session and its action (reset, drop or block-IP) ended it.',
    causes: [
      'antivirus, anti-spyware or vulnerability protection signature match',
      'a file blocking or WildFire verdict with a blocking action',
      'a DoS or zone protection profile acting on the flow',
    ],
    nextChecks: [
      'Monitor > Logs > Threat: filter on the same session ID to see the threat name and action',
      'review the security profile group attached to the rule',
      'if it is a false positive, add a threat exception for that signature',
    ],
  },
  'policy-deny': {
    precedence: 2,
    category: 'policy',
    meaning:
      'The session was ended by policy: it matched a rule whose action blocks it, or a later re-evaluation (App-ID, URL filtering, authentication) blocked it.',
    causes: [
      'a security rule with action deny, drop or reset',
      'the predefined interzone-default rule (not logged unless logging is enabled on it)',
      'App-ID changed the application mid-session and the new application is not allowed',
      'URL filtering or Authentication Policy blocked the request',
      'on PAN-OS 7.1/8.0, a decryption failure reported with this generic reason',
    ],
    nextChecks: [
      'look at the rule name and action: a deny/drop rule means it did what it was told',
      'if the action is allow, see the findings: the block came from somewhere other than the rule',
      'test the flow with `test security-policy-match` on the firewall CLI',
    ],
  },
  'decrypt-cert-validation': {
    precedence: 3,
    category: 'decryption',
    family: 'certificate could not be validated',
    meaning: 'SSL/TLS decryption blocked the session because a certificate could not be validated.',
    causes: [
      'the server certificate is expired, untrusted or its status could not be checked',
      'the server asked for a client certificate (client authentication), which breaks forward proxy',
      'a fatal alert such as bad_certificate or certificate_revoked',
    ],
    nextChecks: [
      'Monitor > Logs > Decryption for the error text of this session',
      'the decryption profile: block sessions with expired / untrusted certificates, unknown status',
      'add a decryption exclusion for sites that pin certificates or require client certificates',
    ],
  },
  'decrypt-unsupport-param': {
    precedence: 4,
    category: 'decryption',
    family: 'unsupported version, cipher or algorithm',
    meaning:
      'Decryption blocked the session because the client or server used a protocol version, cipher or SSH algorithm the firewall does not support.',
    causes: [
      'a TLS or SSH version outside the decryption profile range',
      'a cipher suite or key exchange algorithm the firewall cannot proxy',
      'fatal alerts handshake_failure, unsupported_extension or unexpected_message',
    ],
    nextChecks: [
      'Monitor > Logs > Decryption: the TLS version and cipher of the failed handshake',
      'the decryption profile: protocol versions, algorithms, "block sessions with unsupported versions/cipher suites"',
      'exclude the destination from decryption if the server cannot be changed',
    ],
  },
  'decrypt-error': {
    precedence: 5,
    category: 'decryption',
    family: 'other failure (resources, HSM, other alerts)',
    meaning:
      'Decryption blocked the session for another reason: a resource limit, the HSM, or some other SSL/SSH error.',
    causes: [
      'the firewall ran out of decryption resources or the HSM did not answer',
      'session resumption or key exchange errors',
      'any fatal TLS alert not covered by the other two decrypt reasons',
    ],
    nextChecks: [
      'Monitor > Logs > Decryption: error text for this session',
      '`show system setting ssl-decrypt memory` and decryption session counts on the firewall',
      'HSM status if one is configured',
    ],
  },
  'tcp-rst-from-client': {
    precedence: 6,
    category: 'teardown',
    meaning: 'The client sent a TCP reset, so the session ended abruptly from the client side.',
    causes: [
      'the client application gave up or was closed',
      'the client rejected the server (or the firewall forward-proxy) certificate',
      'browsers racing several connections and resetting the losers',
    ],
    nextChecks: [
      'if many are decrypted SSL, check whether clients trust the forward-trust CA',
      'compare bytes: a reset after a normal exchange is usually harmless',
    ],
  },
  'tcp-rst-from-server': {
    precedence: 7,
    category: 'teardown',
    meaning: 'The server sent a TCP reset, so the session ended abruptly from the server side.',
    causes: [
      'nothing listens on the destination port (connection refused)',
      'the server or a load balancer in front of it dropped the connection',
      'the server rejected what the client sent',
    ],
    nextChecks: [
      'tiny sessions (few packets) mean the port is closed or the service refuses clients',
      'check the service on the destination and any upstream load balancer or proxy',
    ],
  },
  'resources-unavailable': {
    precedence: 8,
    category: 'resource',
    meaning:
      'The firewall dropped the session because it hit a system resource limit, such as the out-of-order packet queue.',
    causes: [
      'too many out-of-order TCP segments for one flow or globally',
      'packet buffer or session resource exhaustion under load',
    ],
    nextChecks: [
      '`show counter global filter delta yes severity drop` on the firewall',
      '`show running resource-monitor` for dataplane load',
      'look for loss or reordering on the path (upstream link, asymmetric routing)',
    ],
  },
  'tcp-fin': {
    precedence: 9,
    category: 'teardown',
    meaning: 'The session closed normally: the hosts exchanged TCP FIN packets.',
    causes: ['an ordinary end of a TCP conversation'],
    nextChecks: ['nothing to do: this is the healthy way for a TCP session to end'],
  },
  'tcp-reuse': {
    precedence: 10,
    category: 'teardown',
    meaning:
      'A new connection reused the same address and port tuple, so the firewall closed the earlier session.',
    causes: [
      'clients or NAT devices recycling source ports quickly',
      'a new SYN arriving for a session the firewall still tracked',
    ],
    nextChecks: ['usually harmless; if frequent, check NAT pool size and client source-port reuse'],
  },
  decoder: {
    precedence: 11,
    category: 'other',
    meaning:
      'The protocol decoder saw a new connection inside the flow (for example through an HTTP proxy) and ended the previous session.',
    causes: ['HTTP proxy or CONNECT traffic carrying several connections in one flow'],
    nextChecks: ['usually harmless; compare with proxy settings if sessions look truncated'],
  },
  'aged-out': {
    precedence: 12,
    category: 'timeout',
    meaning: 'No packets were seen for the idle timeout, so the firewall removed the session.',
    causes: [
      'normal for UDP, ICMP and DNS, which have no close handshake',
      'for TCP: the peer never answered (server down, filtered upstream, asymmetric return path)',
      'long-lived idle connections outliving the application timeout',
    ],
    nextChecks: [
      'TCP with zero bytes received: the handshake never completed; check routing and the server',
      'compare the session age with the application or TCP timeout settings',
    ],
  },
  unknown: {
    precedence: 13,
    category: 'other',
    meaning:
      'The firewall did not record a specific reason, for example after `clear session`, or the log came from a release before 6.1.',
    causes: [
      'sessions cleared by an administrator or by a commit',
      'logs from PAN-OS releases that did not record end reasons',
    ],
    nextChecks: ['check the system and config logs for session clears around that time'],
  },
  'n/a': {
    precedence: 14,
    category: 'other',
    meaning:
      'Not a session end: the log was written at session start, or for a drop/deny that never became a session.',
    causes: ['"Log at Session Start" enabled on the rule', 'start, drop and deny subtypes'],
    nextChecks: ['not a problem: to see why sessions ended, keep "Log at Session End" enabled'],
  },
} as const satisfies Record<string, ReasonInfo>;

export type ReasonKey = keyof typeof REASONS;

/** Reason keys sorted by precedence (highest first). */
export const REASON_KEYS: readonly ReasonKey[] = (Object.keys(REASONS) as ReasonKey[]).sort(
  (a, b) => REASONS[a].precedence - REASONS[b].precedence,
);

/** Spellings seen in the wild that mean a known reason (KB 55086 heading; Strata JSON "n-a"). */
const REASON_ALIASES: Readonly<Record<string, ReasonKey>> = {
  'decrypt-unsupported-param': 'decrypt-unsupport-param',
  'n-a': 'n/a',
};

const REASON_BY_NAME = new Map<string, ReasonKey>(REASON_KEYS.map((k) => [k, k]));

/**
 * Maps a raw log value to its reason key (the table's own string, so later map look-ups are
 * cheap), or null when the table does not know it. Memoised: called once per log line.
 */
export const normalizeReason: (raw: string) => ReasonKey | null = memoize((raw) => {
  const v = raw.trim().toLowerCase();
  const key = REASON_BY_NAME.get(v);
  if (key !== undefined) return key;
  return Object.hasOwn(REASON_ALIASES, v) ? (REASON_ALIASES[v] ?? null) : null;
});
