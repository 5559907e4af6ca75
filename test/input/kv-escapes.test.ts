// Escapes in LEEF/CEF values and headers, and key=value lines whose values hold commas: each
// must keep every field it carries (found by the audit).
import { describe, expect, it } from 'vitest';
import { parseKv } from '../../src/input/kv.js';
import { createMapper } from '../../src/fields/map.js';

describe('key=value escapes', () => {
  it('CEF: a value ending in an escaped backslash does not swallow the next key', () => {
    const r = parseKv(
      'CEF:0|Palo Alto Networks|PAN-OS|10.0|end|TRAFFIC|1|suser=DOM\\\\ act=deny reason=policy-deny',
    );
    expect(r?.values.get('suser')).toBe('DOM\\');
    expect(r?.values.get('act')).toBe('deny');
    // An odd run of backslashes still escapes the space (the pair is part of the value).
    const odd = parseKv('CEF:0|a|b|c|d|e|f|suser=x\\ y=z act=allow');
    expect(odd?.values.get('suser')).toBe('x\\ y=z');
    expect(odd?.values.get('act')).toBe('allow');
  });

  it('LEEF: an escaped delimiter stays in its value', () => {
    const r = parseKv(
      'LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1|allow|x7C|cat=TRAFFIC|RuleName=a\\|b|SessionEndReason=tcp-fin',
    );
    expect(r?.values.get('RuleName')).toBe('a|b');
    expect(r?.values.get('SessionEndReason')).toBe('tcp-fin');
    // A backslash before anything else is kept (Windows users are written raw).
    const user = parseKv('LEEF:2.0|V|P|1|allow|^|cat=TRAFFIC^usrName=corp\\jo^Subtype=end');
    expect(user?.values.get('usrName')).toBe('corp\\jo');
  });

  it('header slots unescape only \\| and \\\\', () => {
    const r = parseKv('LEEF:2.0|V\\|W|P\\\\|1|corp\\jo|x7C|cat=TRAFFIC');
    expect(r?.header).toEqual(['V|W', 'P\\', '1', 'corp\\jo']);
  });

  it('a LEEF/CEF TRAFFIC line whose value holds commas and a log type word is still read', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const cef = m.map(
      'CEF:0|Palo Alto Networks|PAN-OS|10.0|end|TRAFFIC|1|suser=a,b,c,THREAT,d act=allow reason=tcp-fin',
      1,
    );
    expect(cef.kind === 'traffic' && [cef.layout, cef.fields.srcuser]).toEqual([
      'CEF',
      'a,b,c,THREAT,d',
    ]);
    const leef = m.map(
      'Mar  9 12:50:56 FW LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1|allow|x7C|cat=TRAFFIC|Subtype=end|usrName=a,b,c,SYSTEM,d|SessionEndReason=tcp-fin',
      2,
    );
    expect(leef.kind === 'traffic' && leef.fields.session_end_reason).toBe('tcp-fin');
    const related = m.map(
      'CEF:0|Palo Alto Networks|PAN-OS|10.0|end|TRAFFIC|1|suser=a,b,c,DECRYPTION,d act=allow reason=tcp-fin',
      3,
    );
    expect(related.kind).toBe('traffic');
    // A genuine CSV THREAT line is still a skip.
    expect(m.map('<14>Nov 23 10:00:00 fw 1,2026/11/23 10:00:00,0123,SYSTEM,general', 4)).toEqual({
      kind: 'skip',
      what: 'SYSTEM',
    });
  });

  it('LEEF 1.0 from PAN-OS with | between attributes (no tabs) is read by key', () => {
    // As PAN-OS's QRadar format sends it (public Snare sample, 9.0.2).
    const line =
      '<14>May 4 13:38:01 bilbo LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|9.0.2|allow|cat=TRAFFIC|ReceiveTime=2022/05/04 13:38:00|SerialNumber=016345678901|Subtype=end|src=10.11.254.207|RuleName=VPN-for-BCP01|SessionID=963097|SessionEndReason=aged-out';
    expect(parseKv(line)?.values.get('RuleName')).toBe('VPN-for-BCP01');
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const r = m.map(line, 1);
    expect(r.kind === 'traffic' && [r.layout, r.fields.rule, r.fields.session_end_reason]).toEqual([
      'LEEF',
      'VPN-for-BCP01',
      'aged-out',
    ]);
    // Tab-separated LEEF 1.0 keeps a | inside a value.
    expect(parseKv('LEEF:1.0|V|P|1|allow|cat=TRAFFIC\tRuleName=a|b')?.values.get('RuleName')).toBe(
      'a|b',
    );
  });

  it('a key=value record whose type is not a log type word is rejected, not skipped under it', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const r = m.map('CEF:0|Palo Alto Networks|PAN-OS|10.0|end|x y=z|1|act=allow', 1);
    expect(r.kind === 'reject' && r.code).toBe('NOT_PANOS');
    expect(m.map('{"LogType":"threat"}', 2)).toEqual({ kind: 'skip', what: 'THREAT' });
  });
});
