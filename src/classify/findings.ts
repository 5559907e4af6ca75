// THE table of findings: heuristics over a classified TRAFFIC record, each with a severity, a
// title, a predicate, the evidence it shows, a plain-words explanation, next checks and (where
// the end can have several explanations) ranked causes. Adding a finding = one entry + a test.
// Pure data and predicates: no counting here (aggregate/findings.ts), no rendering.
import type { Severity } from '../aggregate/summary.js';
import { guessDecryptReason, type DecryptReason } from '../knowledge/codes.js';
import { FLAGS, hasFlag, type FlagKey } from '../knowledge/flags.js';
import { REASONS, REASON_KEYS, type ReasonInfo, type ReasonKey } from '../knowledge/reasons.js';
import type { Classified, RelatedLog, RelatedLogType } from '../model.js';
import { fieldReader } from '../fields/map.js';

/** What a predicate sees: the classified record, before findings are attached. */
export type FindingSubject = Omit<Classified, 'findings'>;

export interface ThresholdInfo {
  readonly value: number;
  readonly help: string;
}

/** Every tunable number of the findings, with its default; `analyze --threshold name=value`. */
export const THRESHOLDS = {
  'tiny-session-packets': {
    value: 4,
    help: 'a tcp-rst-from-server session with at most this many packets is "tiny" (refused)',
  },
  'tiny-session-bytes': {
    value: 400,
    help: 'when a log carries no packet count, at most this many bytes is "tiny"',
  },
  'rst-client-share': {
    value: 20,
    help: 'percent of ended decrypted sessions reset by the client above which that is reported',
  },
  'rst-client-min-sessions': {
    value: 20,
    help: 'fewest decrypted client resets before their share is judged at all',
  },
  examples: { value: 3, help: 'example sessions kept per finding' },
  'correlation-window': {
    value: 10000,
    help: 'DECRYPTION/THREAT/AUTH logs held (most recent) for joining to TRAFFIC by session',
  },
} as const satisfies Record<string, ThresholdInfo>;

export type ThresholdName = keyof typeof THRESHOLDS;
export type Thresholds = Readonly<Record<ThresholdName, number>>;
export const THRESHOLD_NAMES = Object.keys(THRESHOLDS) as readonly ThresholdName[];
export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  THRESHOLD_NAMES.map((n) => [n, THRESHOLDS[n].value]),
) as Record<ThresholdName, number>;

/** Evidence a cause found on one session: field → value, shown in examples. */
export type Evidence = Readonly<Record<string, string>>;

export interface CauseRule {
  readonly title: string;
  readonly explanation: string;
  /** Evidence on the TRAFFIC record itself; null when this cause has none there. */
  readonly test: (c: FindingSubject) => Evidence | null;
  /** A correlated log of the same session that confirms this cause, as evidence; else null. */
  readonly confirm?: (r: RelatedLog, c: FindingSubject) => Evidence | null;
}

export interface FindingRule {
  readonly severity: Severity;
  readonly title: string;
  /** End reasons the predicate can match ('any' = it looks at other fields first). */
  readonly reasons: readonly ReasonKey[] | 'any';
  readonly test: (c: FindingSubject, t: Thresholds) => boolean;
  /** Fields shown with each example besides the usual ones (src, dst, app, rule, flags). */
  readonly evidence: readonly string[];
  readonly explanation: string;
  readonly nextChecks: readonly string[];
  /** Ranked causes (first = most telling); a session may carry several. */
  readonly causes?: Readonly<Record<string, CauseRule>>;
  /** Cause id used when no cause has evidence. */
  readonly fallbackCause?: string;
  /** Reported only when matches are at least `percent` of the sessions `base` accepts. */
  readonly share?: {
    /** The base in words, e.g. "ended decrypted sessions". */
    readonly of: string;
    readonly base: (c: FindingSubject) => boolean;
    readonly percent: ThresholdName;
    readonly min: ThresholdName;
  };
}

/** A count field, or null when the log leaves it empty or unreadable. */
export function countOf(raw: string): number | null {
  const v = raw.trim();
  if (v === '' || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * countOf of `text[from, to)`, -1 for null: read in place when it is 1-15 plain digits (no
 * string is made), else through countOf.
 */
export function countOfIn(text: string, from: number, to: number): number {
  if (to > from && to - from <= 15) {
    let n = 0;
    let i = from;
    for (; i < to; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === to) return n;
  }
  return countOf(text.slice(from, to)) ?? -1;
}

/** Count fields the finding tests read on many records, read in place (-1: none). */
const bytesReceived = fieldReader('bytes_received', countOfIn);
const packetsReceived = fieldReader('pkts_received', countOfIn);
const packetCount = fieldReader('packets', countOfIn);
const byteCount = fieldReader('bytes', countOfIn);

/** True when `text[from, to)` is `word`, compared in place. */
function textIs(text: string, from: number, to: number, word: string): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if (text.charCodeAt(from + i) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** 1 when the Type/Subtype field is exactly `end` or `start` (nearly every log), else 0. */
const endOrStart = fieldReader('subtype', (t, from, to) =>
  textIs(t, from, to, 'end') || textIs(t, from, to, 'start') ? 1 : 0,
);

const flagged = (c: FindingSubject, key: FlagKey) => c.flags !== null && hasFlag(c.flags, key);

/** Per flag, the evidence that it is set, e.g. { decrypted: "Flags 0x01000000" }. */
const FLAG_EVIDENCE = Object.fromEntries(
  (Object.keys(FLAGS) as FlagKey[]).map((key) => [
    key,
    Object.freeze({ [key]: `Flags 0x${FLAGS[key].mask.toString(16).padStart(8, '0')}` }),
  ]),
) as Readonly<Record<FlagKey, Evidence>>;

/** Evidence that a Flags bit is set (a shared frozen object: a cause test runs per record). */
function flagEvidence(c: FindingSubject, key: FlagKey): Evidence | null {
  return flagged(c, key) ? FLAG_EVIDENCE[key] : null;
}

const lower = (v: string) => v.trim().toLowerCase();

/** Default ports an application's name implies; a session elsewhere is an App-ID shift. */
const PORT_IMPLIED_BY_APP: Readonly<Record<string, readonly string[]>> = {
  // web-browsing is plain HTTP; on 443 it is decrypted (or inspected) HTTPS, re-identified
  // after the handshake (decrypt-reason-codes.md, "App-ID shift").
  'web-browsing': ['80'],
};

function relatedOf(type: RelatedLogType, r: RelatedLog): boolean {
  return r.type === type;
}

function decryptionEvidence(r: RelatedLog): Evidence | null {
  if (!relatedOf('DECRYPTION', r) || r.detail === '') return null;
  const guess = guessDecryptReason(r.detail);
  return guess === null
    ? { decryptionError: r.detail }
    : { decryptionError: r.detail, wouldBe: guess.reason, namedIn: guess.by };
}

/** The decrypt-* reasons, in precedence order, from the reason table's decryption category. */
const DECRYPT_REASONS = REASON_KEYS.filter(
  (k) => REASONS[k].category === 'decryption',
) as readonly DecryptReason[];

/** The failure family a decrypt-* reason stands for (knowledge/reasons.ts). */
function decryptFamily(k: DecryptReason): string {
  return (REASONS[k] as ReasonInfo).family ?? k;
}

function reasonGloss(k: ReasonKey): string {
  const r = REASONS[k];
  return `${r.meaning} Usual causes: ${r.causes.join('; ')}.`;
}

export const FINDINGS = {
  'allow-policy-deny': {
    severity: 'high',
    title: 'Allowed by a rule, yet ended with policy-deny',
    reasons: ['policy-deny'],
    test: (c) => c.action === 'allow',
    evidence: ['category'],
    explanation:
      'The rule that matched allows the session, so the deny came from somewhere else: a decryption failure logged with the generic reason (PAN-OS 7.1/8.0), an Authentication Policy redirect, URL filtering, or App-ID re-identifying the application so that the rule no longer fits. The causes below rank the evidence on each session.',
    nextChecks: [
      'Monitor > Logs > Decryption, Threat (URL) and Authentication: filter on the session ID',
      '`test security-policy-match from <zone> to <zone> source <ip> destination <ip> destination-port <port> protocol 6 application <app>` on the firewall CLI',
      'the rule service: application-default denies an app seen on a port that is not its default',
    ],
    causes: {
      'url-filtering': {
        title: 'URL filtering blocked it',
        explanation:
          'Flags bit 0x00800000 says URL filtering denied the session; the URL Filtering log (THREAT, subtype url) has the URL and category.',
        test: (c) => flagEvidence(c, 'url_denied'),
        confirm: (r) =>
          relatedOf('THREAT', r) && lower(r.subtype) === 'url' && lower(r.action) !== 'alert'
            ? { urlLog: `${r.action}: ${r.detail}` }
            : null,
      },
      decryption: {
        title: 'Decryption failure reported as policy-deny',
        explanation:
          'The session was decrypted (Flags 0x01000000). PAN-OS 7.1/8.0 can log decryption failures with the generic policy-deny; later releases use decrypt-cert-validation, decrypt-unsupport-param or decrypt-error. The Decryption log has the error text.',
        test: (c) => flagEvidence(c, 'decrypted'),
        confirm: decryptionEvidence,
      },
      'authentication-portal': {
        title: 'Authentication Policy (Authentication Portal) enforcement',
        explanation:
          'The user came through the Authentication (Captive) Portal (Flags 0x00200000): an Authentication Policy rule with an enforcement such as default-web-form answers with a redirect, and the session ends as policy-deny on the allow rule.',
        test: (c) => flagEvidence(c, 'captive_portal'),
        confirm: (r) => (relatedOf('AUTH', r) ? { authLog: r.detail } : null),
      },
      'app-id-shift': {
        title: 'App-ID shift: the application is not what the port implies',
        explanation:
          'The application was identified as something its port does not imply (web-browsing on 443 after decryption, or Flags 0x00100000: an app on a non-standard port). The session is re-evaluated with the new application and denied, typically by a rule whose service is application-default.',
        test: (c) => {
          const nonstd = flagEvidence(c, 'nonstd_port');
          if (nonstd) return nonstd;
          const f = c.rec.fields;
          const ports = PORT_IMPLIED_BY_APP[lower(f.app)];
          return ports !== undefined && f.dport !== '' && !ports.includes(f.dport.trim())
            ? { appOnPort: `${f.app} on ${f.dport}` }
            : null;
        },
      },
      unexplained: {
        title: 'No evidence in the TRAFFIC log',
        explanation:
          'Nothing on this log points to a cause. Collect the Decryption, URL Filtering and Authentication logs of the same session ID, the rule configuration (service, application, profiles) and `show session id <id>` while such a session is live.',
        test: () => null,
      },
    },
    fallbackCause: 'unexplained',
  },
  'threat-on-allow': {
    severity: 'high',
    title: 'A security profile ended allowed sessions (threat)',
    reasons: ['threat'],
    test: () => true,
    evidence: ['action_source'],
    explanation:
      'The rule allowed the session, and a security profile attached to it (antivirus, anti-spyware, vulnerability protection, file blocking, WildFire) found a threat and reset or dropped it. The Threat log of the same session names the signature.',
    nextChecks: REASONS.threat.nextChecks,
    causes: {
      'security-profile': {
        title: 'Security profile action',
        explanation: 'A THREAT log of the same session names the threat and the action taken.',
        test: () => ({}),
        confirm: (r) =>
          relatedOf('THREAT', r) ? { threat: r.detail, threatAction: r.action } : null,
      },
    },
  },
  'decrypt-failure': {
    severity: 'medium',
    title: 'Decryption failures, by failure family',
    reasons: DECRYPT_REASONS,
    test: () => true,
    evidence: ['category'],
    explanation:
      'SSL/SSH decryption ended these sessions. Each decrypt-* reason stands for a family of firewall error codes and TLS alerts (`pan-ser explain decrypt-cert-validation` lists them); the Decryption log of the session has the exact error.',
    nextChecks: [
      'Monitor > Logs > Decryption: filter on the session ID for the error text',
      'the decryption profile (certificate checks, protocol versions, ciphers) of the rule that decrypted',
      'add a decryption exclusion for sites that pin certificates or demand client certificates',
    ],
    causes: Object.fromEntries(
      DECRYPT_REASONS.map((k): [string, CauseRule] => [
        k,
        {
          title: `${k}: ${decryptFamily(k)}`,
          explanation: REASONS[k].meaning,
          test: (c) => (c.reason === k ? {} : null),
          confirm: (r, c) => (c.reason === k ? decryptionEvidence(r) : null),
        },
      ]),
    ),
  },
  'aged-out-no-reply': {
    severity: 'medium',
    title: 'Aged out with nothing received: the other side never answered',
    reasons: ['aged-out'],
    test: (c) => bytesReceived(c.rec.fields) === 0 || packetsReceived(c.rec.fields) === 0,
    evidence: ['proto', 'bytes_sent', 'bytes_received', 'pkts_received', 'elapsed'],
    explanation:
      'The session timed out and no byte (or packet) came back: the server is down, something upstream filters it, or the reply takes another path (asymmetric routing). For TCP the handshake never completed, which App-ID often shows as `incomplete`. One-way UDP (syslog, SNMP traps, NetFlow) looks like this by design.',
    nextChecks: [
      'is the destination up and listening? try it from a host on the same side as the firewall',
      'routing of the return path: `show routing route destination <src>` and any asymmetric path',
      '`show counter global filter delta yes packet-filter yes` with a filter on the flow',
    ],
    causes: {
      'tcp-handshake-incomplete': {
        title: 'TCP handshake never completed (app incomplete)',
        explanation: 'Only the client spoke; App-ID had nothing to identify.',
        test: (c) =>
          lower(c.rec.fields.proto) === 'tcp' && lower(c.rec.fields.app) === 'incomplete'
            ? {}
            : null,
      },
      'tcp-no-reply': {
        title: 'TCP, no reply',
        explanation: 'An identified TCP application with nothing received.',
        test: (c) =>
          lower(c.rec.fields.proto) === 'tcp' && lower(c.rec.fields.app) !== 'incomplete'
            ? {}
            : null,
      },
      'udp-no-reply': {
        title: 'UDP, no reply',
        explanation: 'Normal for one-way protocols; otherwise the server did not answer.',
        test: (c) => (lower(c.rec.fields.proto) === 'udp' ? {} : null),
      },
      'other-no-reply': {
        title: 'Other protocol, no reply',
        explanation: 'ICMP or another protocol without an answer.',
        test: (c) => {
          const p = lower(c.rec.fields.proto);
          return p !== 'tcp' && p !== 'udp' ? {} : null;
        },
      },
    },
  },
  'tiny-rst-from-server': {
    severity: 'medium',
    title: 'Server reset tiny sessions: port closed or service refusing',
    reasons: ['tcp-rst-from-server'],
    test: (c, t) => {
      const packets = packetCount(c.rec.fields);
      if (packets >= 0) return packets <= t['tiny-session-packets'];
      const bytes = byteCount(c.rec.fields);
      return bytes >= 0 && bytes <= t['tiny-session-bytes'];
    },
    evidence: ['packets', 'bytes'],
    explanation:
      'The server answered with a reset after only a few packets: nothing listens on that port, the service refuses the client (ACL, TLS or protocol mismatch), or a load balancer in front has no healthy member.',
    nextChecks: [
      'is the service listening on the destination port? (`ss -ltn` / `netstat -an` on the server)',
      'server-side ACLs, TLS settings and the load balancer pool health',
    ],
  },
  'rst-client-decrypted': {
    severity: 'medium',
    title: 'Many decrypted SSL sessions reset by the client',
    reasons: ['tcp-rst-from-client'],
    test: (c) => flagged(c, 'decrypted'),
    evidence: ['category'],
    explanation:
      'A high share of decrypted sessions end with the client resetting: clients often reject the forward-trust certificate the firewall presents (the CA is not in their trust store) or pin the real server certificate (mobile apps, updaters).',
    nextChecks: [
      'is the forward-trust CA deployed to these clients (and to non-browser trust stores)?',
      'add a decryption exclusion for pinned applications (Device > Certificate Management > SSL Decryption Exclusion)',
    ],
    share: {
      of: 'ended decrypted sessions',
      base: (c) => flagged(c, 'decrypted') && c.reason !== 'n/a',
      percent: 'rst-client-share',
      min: 'rst-client-min-sessions',
    },
  },
  'default-rule-deny': {
    severity: 'low',
    title: 'Denied by a predefined default rule',
    reasons: ['policy-deny', 'n/a', 'unknown'],
    test: (c) => {
      const rule = lower(c.rec.fields.rule);
      return (
        (rule === 'interzone-default' || rule === 'intrazone-default') &&
        c.action !== null &&
        c.action !== 'allow'
      );
    },
    evidence: ['subtype'],
    explanation:
      'No security rule matched, so the predefined interzone-default (deny) or intrazone-default rule decided. These rules do not log by default: you see these lines because someone overrode the rule to log. This is genuine denial, not a mislabel.',
    nextChecks: [
      'if the traffic should pass, add an explicit rule above the defaults',
      'Policies > Security > the default rules: Override to set logging deliberately',
    ],
    causes: {
      'interzone-default': {
        title: 'interzone-default',
        explanation: 'traffic between different zones that no rule allowed',
        test: (c) => (lower(c.rec.fields.rule) === 'interzone-default' ? {} : null),
      },
      'intrazone-default': {
        title: 'intrazone-default',
        explanation: 'traffic within one zone, denied by an overridden intrazone-default',
        test: (c) => (lower(c.rec.fields.rule) === 'intrazone-default' ? {} : null),
      },
    },
  },
  'resources-unavailable': {
    severity: 'high',
    title: 'Dropped on a firewall resource limit',
    reasons: ['resources-unavailable'],
    test: () => true,
    evidence: ['proto', 'bytes'],
    explanation: reasonGloss('resources-unavailable'),
    nextChecks: REASONS['resources-unavailable'].nextChecks,
  },
  'tcp-reuse': {
    severity: 'info',
    title: 'Sessions closed because a new connection reused the tuple',
    reasons: ['tcp-reuse'],
    test: () => true,
    evidence: ['sport', 'natsrc'],
    explanation: reasonGloss('tcp-reuse'),
    nextChecks: REASONS['tcp-reuse'].nextChecks,
  },
  'decoder-ended': {
    severity: 'info',
    title: 'Sessions ended by the protocol decoder',
    reasons: ['decoder'],
    test: () => true,
    evidence: ['proto'],
    explanation: reasonGloss('decoder'),
    nextChecks: REASONS.decoder.nextChecks,
  },
  'start-logs': {
    severity: 'info',
    title: 'Session start logs (a log setting, not a problem)',
    reasons: ['n/a'],
    test: (c) => lower(c.rec.fields.subtype) === 'start',
    evidence: ['subtype'],
    explanation:
      'These logs were written when the session started ("Log at Session Start" on the rule), so they carry the end reason n/a. The same session has its own end log with the real reason.',
    nextChecks: [
      'keep "Log at Session End" on; turn "Log at Session Start" off unless you need it (it doubles the log volume)',
    ],
  },
  'reason-on-non-end-log': {
    severity: 'info',
    title: 'End reasons on deny/drop logs (a log fact, not a problem)',
    reasons: 'any',
    test: (c) => {
      // Runs on every record: skip the common subtypes before any string is made.
      if (c.reason === null || c.reason === 'n/a' || endOrStart(c.rec.fields) === 1) return false;
      const s = lower(c.rec.fields.subtype);
      return s === 'deny' || s === 'drop';
    },
    evidence: ['subtype'],
    explanation:
      'Deny and drop logs describe traffic that never became an allowed session; PAN-OS still fills the end reason, usually policy-deny. Read them as "blocked by policy", not as a session that ended.',
    nextChecks: ['nothing to fix; filter on subtype end to see sessions that really ended'],
  },
} as const satisfies Record<string, FindingRule>;

export type FindingId = keyof typeof FINDINGS;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

/** Finding ids, most severe first, then in table order. */
export const FINDING_IDS: readonly FindingId[] = (Object.keys(FINDINGS) as FindingId[])
  .map((id, i) => ({ id, i }))
  .sort(
    (a, b) =>
      SEVERITY_RANK[FINDINGS[a.id].severity] - SEVERITY_RANK[FINDINGS[b.id].severity] || a.i - b.i,
  )
  .map((x) => x.id);

export function isFindingId(v: string): v is FindingId {
  return Object.hasOwn(FINDINGS, v);
}

const NO_FINDINGS: readonly string[] = Object.freeze([]);

/**
 * Per end reason (and for unrecognized ones, ''), the findings worth testing, severity order, as
 * [id, test] pairs: a record looks its rules up once, not once per finding.
 */
type Candidates = readonly (readonly [FindingId, FindingRule['test']])[];

const CANDIDATES: ReadonlyMap<string, Candidates> = new Map(
  [...REASON_KEYS, ''].map((k) => [
    k,
    FINDING_IDS.filter((id) => {
      const r: FindingRule = FINDINGS[id];
      return r.reasons === 'any' || (k !== '' && r.reasons.includes(k as ReasonKey));
    }).map((id) => [id, (FINDINGS[id] as FindingRule).test] as const),
  ]),
);

const NO_CANDIDATES: Candidates = [];

/** Ids of the findings a record matches, most severe first; a shared frozen [] when none. */
export function matchFindings(c: FindingSubject, t: Thresholds): readonly string[] {
  const candidates = CANDIDATES.get(c.reason ?? '') ?? NO_CANDIDATES;
  let out: string[] | null = null;
  for (const [id, test] of candidates) {
    if (test(c, t)) (out ??= []).push(id);
  }
  return out ?? NO_FINDINGS;
}

/** Each rule's causes as [id, rule] pairs in table order, listed once rather than per record. */
const CAUSE_ENTRIES = new WeakMap<FindingRule, [string, CauseRule][]>();

function causeEntries(rule: FindingRule): [string, CauseRule][] {
  let entries = CAUSE_ENTRIES.get(rule);
  if (!entries) CAUSE_ENTRIES.set(rule, (entries = Object.entries(rule.causes ?? {})));
  return entries;
}

export interface RankedCause {
  readonly id: string;
  readonly confirmed: boolean;
  readonly evidence: Evidence;
}

/**
 * The causes of one finding on one session, ranked: causes a correlated log confirms first,
 * then those with evidence on the record, in table order; the fallback when none applies.
 */
export function rankCauses(
  rule: FindingRule,
  c: FindingSubject,
  related: readonly RelatedLog[],
): RankedCause[] {
  if (!rule.causes) return [];
  const confirmed: RankedCause[] = [];
  const seen: RankedCause[] = [];
  for (const [id, cause] of causeEntries(rule)) {
    let proof: Evidence | null = null;
    if (cause.confirm) {
      for (const r of related) {
        proof = cause.confirm(r, c);
        if (proof) break;
      }
    }
    const own = cause.test(c);
    if (proof) confirmed.push({ id, confirmed: true, evidence: { ...own, ...proof } });
    else if (own) seen.push({ id, confirmed: false, evidence: own });
  }
  // Runs once per matched record: no new array when one of the two lists is empty.
  const ranked =
    confirmed.length === 0 ? seen : seen.length === 0 ? confirmed : [...confirmed, ...seen];
  if (ranked.length === 0 && rule.fallbackCause !== undefined) {
    return [{ id: rule.fallbackCause, confirmed: false, evidence: {} }];
  }
  return ranked;
}
