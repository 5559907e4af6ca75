// Each finding's predicate, both sides, through classifyRecord (the real per-record path), and
// the cause ranking of the allow + policy-deny detective. Every finding in the table must have a
// case here: adding a finding means adding its two sides below.
import { describe, expect, it } from 'vitest';
import { classifyRecord } from '../../src/classify/classify.js';
import {
  DEFAULT_THRESHOLDS,
  FINDINGS,
  FINDING_IDS,
  rankCauses,
  type FindingId,
} from '../../src/classify/findings.js';
import { FIELD_IDS, type Fields } from '../../src/fields/field-ids.js';
import { FLAGS } from '../../src/knowledge/flags.js';
import type { RelatedLog, TrafficRecord } from '../../src/model.js';

const hex = (...keys: (keyof typeof FLAGS)[]) =>
  `0x${keys.reduce((m, k) => (m | FLAGS[k].mask) >>> 0, 0).toString(16)}`;

/** A plain allowed TCP session that ended with tcp-fin and matches no finding. */
const BASE: Partial<Fields> = {
  type: 'TRAFFIC',
  subtype: 'end',
  serial: '001801000001',
  sessionid: '4242',
  src: '10.0.0.5',
  dst: '203.0.113.9',
  rule: 'allow-web',
  app: 'ssl',
  from: 'trust',
  to: 'untrust',
  dport: '443',
  proto: 'tcp',
  action: 'allow',
  flags: '0x0',
  bytes: '9000',
  bytes_sent: '3000',
  bytes_received: '6000',
  packets: '20',
  pkts_sent: '10',
  pkts_received: '10',
  session_end_reason: 'tcp-fin',
  repeatcnt: '1',
};

function rec(over: Partial<Fields>): TrafficRecord {
  const fields = Object.fromEntries(FIELD_IDS.map((id) => [id, ''])) as Fields;
  Object.assign(fields, BASE, over);
  return { kind: 'traffic', file: 't.log', line: 1, layout: 'test', fields };
}

const ids = (over: Partial<Fields>, t = DEFAULT_THRESHOLDS) =>
  classifyRecord(rec(over), t).findings;

/** For each finding: a record that matches it, and a close one that does not. */
const CASES: Record<FindingId, { yes: Partial<Fields>; no: Partial<Fields>[] }> = {
  'allow-policy-deny': {
    yes: { session_end_reason: 'policy-deny' },
    no: [{ session_end_reason: 'policy-deny', action: 'deny' }, { session_end_reason: 'tcp-fin' }],
  },
  'threat-on-allow': {
    yes: { session_end_reason: 'threat' },
    no: [{ session_end_reason: 'tcp-rst-from-server', packets: '40' }],
  },
  'decrypt-failure': {
    yes: { session_end_reason: 'decrypt-cert-validation' },
    no: [{ session_end_reason: 'tcp-fin', flags: hex('decrypted') }],
  },
  'aged-out-no-reply': {
    yes: { session_end_reason: 'aged-out', bytes_received: '0', pkts_received: '0' },
    no: [
      { session_end_reason: 'aged-out' },
      { session_end_reason: 'aged-out', bytes_received: '', pkts_received: '' },
      { session_end_reason: 'tcp-fin', bytes_received: '0', pkts_received: '0' },
    ],
  },
  'tiny-rst-from-server': {
    yes: { session_end_reason: 'tcp-rst-from-server', packets: '2', bytes: '120' },
    no: [
      { session_end_reason: 'tcp-rst-from-server', packets: '5' },
      { session_end_reason: 'tcp-rst-from-client', packets: '2' },
    ],
  },
  'rst-client-decrypted': {
    yes: { session_end_reason: 'tcp-rst-from-client', flags: hex('decrypted', 'nat') },
    no: [
      { session_end_reason: 'tcp-rst-from-client', flags: hex('nat') },
      { session_end_reason: 'tcp-fin', flags: hex('decrypted') },
    ],
  },
  'default-rule-deny': {
    yes: {
      session_end_reason: 'policy-deny',
      action: 'deny',
      rule: 'interzone-default',
      subtype: 'deny',
    },
    no: [
      { session_end_reason: 'policy-deny', action: 'deny', rule: 'block-quic' },
      { session_end_reason: 'policy-deny', action: 'allow', rule: 'intrazone-default' },
    ],
  },
  'resources-unavailable': {
    yes: { session_end_reason: 'resources-unavailable' },
    no: [{ session_end_reason: 'tcp-fin' }],
  },
  'tcp-reuse': {
    yes: { session_end_reason: 'tcp-reuse' },
    no: [{ session_end_reason: 'tcp-fin' }],
  },
  'decoder-ended': {
    yes: { session_end_reason: 'decoder' },
    no: [{ session_end_reason: 'tcp-fin' }],
  },
  'start-logs': {
    yes: { session_end_reason: 'n/a', subtype: 'start' },
    no: [{ session_end_reason: 'n/a', subtype: 'end' }],
  },
  'reason-on-non-end-log': {
    yes: { session_end_reason: 'policy-deny', subtype: 'drop', action: 'drop' },
    no: [
      { session_end_reason: 'policy-deny', subtype: 'end', action: 'drop' },
      { session_end_reason: 'n/a', subtype: 'deny', action: 'deny' },
    ],
  },
};

describe('finding predicates, both sides', () => {
  it('the plain session matches nothing, and shares one frozen empty list', () => {
    const a = ids({});
    expect(a).toEqual([]);
    expect(Object.isFrozen(a)).toBe(true);
    expect(ids({ app: 'web-browsing' })).toBe(a);
  });

  for (const id of Object.keys(FINDINGS) as FindingId[]) {
    it(id, () => {
      const c = CASES[id];
      expect(ids(c.yes), JSON.stringify(c.yes)).toContain(id);
      for (const no of c.no) expect(ids(no), JSON.stringify(no)).not.toContain(id);
    });
  }

  it('lists a record’s findings most severe first', () => {
    const got = ids({
      session_end_reason: 'policy-deny',
      subtype: 'deny',
      action: 'deny',
      rule: 'interzone-default',
    });
    expect(got).toEqual(FINDING_IDS.filter((id) => got.includes(id)));
    expect(got[0]).toBe('default-rule-deny');
  });

  it('honours thresholds: tiny-session-packets', () => {
    const r = { session_end_reason: 'tcp-rst-from-server', packets: '6' };
    expect(ids(r)).not.toContain('tiny-rst-from-server');
    expect(ids(r, { ...DEFAULT_THRESHOLDS, 'tiny-session-packets': 6 })).toContain(
      'tiny-rst-from-server',
    );
    const noPackets = { session_end_reason: 'tcp-rst-from-server', packets: '', bytes: '300' };
    expect(ids(noPackets)).toContain('tiny-rst-from-server');
    expect(ids(noPackets, { ...DEFAULT_THRESHOLDS, 'tiny-session-bytes': 200 })).not.toContain(
      'tiny-rst-from-server',
    );
  });
});

describe('allow + policy-deny detective', () => {
  const rule = FINDINGS['allow-policy-deny'];
  const causes = (over: Partial<Fields>, related: RelatedLog[] = []) =>
    rankCauses(rule, classifyRecord(rec({ session_end_reason: 'policy-deny', ...over })), related);
  const decryption = (detail: string): RelatedLog => ({
    type: 'DECRYPTION',
    file: 't.log',
    line: 1,
    serial: '001801000001',
    sessionid: '4242',
    subtype: 'start',
    action: 'allow',
    detail,
  });

  it('names each flag-based cause', () => {
    expect(causes({ flags: hex('decrypted') }).map((c) => c.id)).toEqual(['decryption']);
    expect(causes({ flags: hex('captive_portal') }).map((c) => c.id)).toEqual([
      'authentication-portal',
    ]);
    expect(causes({ flags: hex('url_denied') }).map((c) => c.id)).toEqual(['url-filtering']);
    expect(causes({ flags: hex('nonstd_port') }).map((c) => c.id)).toEqual(['app-id-shift']);
  });

  it('sees web-browsing on 443 as an App-ID shift, but not on 80', () => {
    expect(causes({ app: 'web-browsing', dport: '443' }).map((c) => c.id)).toEqual([
      'app-id-shift',
    ]);
    expect(causes({ app: 'web-browsing', dport: '80' }).map((c) => c.id)).toEqual(['unexplained']);
  });

  it('shows all evidence ranked, and says when there is none', () => {
    const all = causes({ flags: hex('decrypted', 'url_denied'), app: 'web-browsing' });
    expect(all.map((c) => c.id)).toEqual(['url-filtering', 'decryption', 'app-id-shift']);
    expect(causes({}).map((c) => c.id)).toEqual(['unexplained']);
  });

  it('puts a cause a Decryption log confirms first, with the reason it would be today', () => {
    const r = causes({ flags: hex('url_denied', 'decrypted') }, [
      decryption('Received fatal alert UnsupportedExtension from server'),
    ]);
    expect(r[0]).toMatchObject({
      id: 'decryption',
      confirmed: true,
      evidence: { wouldBe: 'decrypt-unsupport-param', namedIn: 'unsupported_extension' },
    });
    expect(r[1]?.id).toBe('url-filtering');
  });

  it('confirms decryption from the Decryption log even without the flag', () => {
    const r = causes({}, [decryption('PAN_SSL_ERROR_HSM_DOWN while signing')]);
    expect(r).toEqual([expect.objectContaining({ id: 'decryption', confirmed: true })]);
    expect(r[0]?.evidence.wouldBe).toBe('decrypt-error');
  });
});
