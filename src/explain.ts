// `pan-ser explain <term>`: finds what a term names in the knowledge tables (end reasons, SSL/SSH
// error codes, TLS alerts, Flags bits, finding ids) and returns plain data for the renderer.
// Pure lookups over the one copy of each table; it restates nothing. A number such as -10 can
// name several things (SSL and SSH share the code space): every match is returned.
import { FINDINGS, isFindingId, type FindingId, type FindingRule } from './classify/findings.js';
import {
  codesByNumber,
  ERROR_CODES,
  ERROR_CODE_NAMES,
  findAlert,
  findErrorCode,
  TLS_ALERTS,
  TLS_ALERT_NAMES,
  type ErrorCodeName,
  type TlsAlertName,
} from './knowledge/codes.js';
import { FLAGS, FLAG_KEYS, parseFlags, type FlagKey } from './knowledge/flags.js';
import { normalizeReason, REASON_KEYS, type ReasonKey } from './knowledge/reasons.js';

export type TermMatch =
  | { readonly kind: 'reason'; readonly reason: ReasonKey }
  | { readonly kind: 'error-code'; readonly name: ErrorCodeName }
  | { readonly kind: 'tls-alert'; readonly name: TlsAlertName }
  | { readonly kind: 'flag'; readonly key: FlagKey }
  | { readonly kind: 'flags-value'; readonly value: number }
  | { readonly kind: 'finding'; readonly id: FindingId }
  | { readonly kind: 'finding-cause'; readonly id: FindingId; readonly cause: string };

/** Everything `term` names; [] when nothing. */
export function lookupTerm(term: string): TermMatch[] {
  const v = term.trim();
  const out: TermMatch[] = [];
  const reason = normalizeReason(v);
  if (reason !== null) out.push({ kind: 'reason', reason });
  const lowered = v.toLowerCase();
  if (isFindingId(lowered)) out.push({ kind: 'finding', id: lowered });
  for (const [id, cause] of findingCauses()) {
    if (cause === lowered) out.push({ kind: 'finding-cause', id, cause });
  }
  const code = findErrorCode(v);
  if (code !== null) out.push({ kind: 'error-code', name: code });
  if (/^-?\d{1,3}$/.test(v)) {
    for (const name of codesByNumber(-Math.abs(Number(v)))) out.push({ kind: 'error-code', name });
  }
  const alert = findAlert(v);
  if (alert !== null) out.push({ kind: 'tls-alert', name: alert });
  if (Object.hasOwn(FLAGS, lowered)) out.push({ kind: 'flag', key: lowered as FlagKey });
  if (/^0x[0-9a-f]{1,8}$/i.test(v)) {
    const n = parseFlags(v);
    const single = FLAG_KEYS.find((k) => FLAGS[k].mask === n);
    if (single !== undefined) out.push({ kind: 'flag', key: single });
    else if (n !== null) out.push({ kind: 'flags-value', value: n });
  }
  return out;
}

/** Every name `explain` knows, for suggestions. */
export function knownTerms(): string[] {
  return [
    ...REASON_KEYS,
    ...ERROR_CODE_NAMES,
    ...TLS_ALERT_NAMES,
    ...FLAG_KEYS,
    ...(Object.keys(FINDINGS) as FindingId[]),
    ...findingCauses().map(([, cause]) => cause),
  ];
}

/** [finding, cause id] pairs, leaving out causes named after an end reason (shown as that). */
function findingCauses(): [FindingId, string][] {
  return (Object.keys(FINDINGS) as FindingId[]).flatMap((id) =>
    Object.keys((FINDINGS[id] as FindingRule).causes ?? {})
      .filter((cause) => normalizeReason(cause) === null)
      .map((cause): [FindingId, string] => [id, cause]),
  );
}

/**
 * Up to `limit` of `names` (by default every name `explain` knows) close to `term` (edit
 * distance, or containing it), best first.
 */
export function suggestTerms(
  term: string,
  limit = 3,
  names: readonly string[] = knownTerms(),
): string[] {
  const t = term.trim().toLowerCase();
  // No known name is near a term far longer than any of them (and the distance is quadratic).
  if (t === '' || t.length > 80) return [];
  const scored = [...new Set(names)].map((name) => {
    const n = name.toLowerCase();
    const d = n.includes(t) && t.length >= 3 ? 1 : editDistance(t, n);
    return { name, d };
  });
  const max = Math.max(2, Math.floor(t.length / 3));
  return scored
    .filter((s) => s.d <= max)
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit)
    .map((s) => s.name);
}

/** Levenshtein distance with one row of memory. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(up + 1, (row[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return row[b.length] ?? 0;
}

/** Codes and alerts that lead to a decrypt-* reason (empty for the other reasons). */
export function causesOfReason(reason: ReasonKey): {
  codes: ErrorCodeName[];
  alerts: TlsAlertName[];
} {
  return {
    codes: ERROR_CODE_NAMES.filter((n) => ERROR_CODES[n].reason === reason),
    alerts: TLS_ALERT_NAMES.filter((n) => TLS_ALERTS[n].reason === reason),
  };
}
