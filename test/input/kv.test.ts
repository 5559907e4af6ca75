import { describe, expect, it } from 'vitest';
import { parseKv } from '../../src/input/kv.js';

describe('parseKv', () => {
  it('reads LEEF 1.0 (tab pairs) and LEEF 2.0 with a hex or literal delimiter', () => {
    const v1 = parseKv('LEEF:1.0|Palo Alto Networks|PAN-OS|9.1|allow|cat=TRAFFIC\tSubtype=end');
    expect(v1?.header).toEqual(['Palo Alto Networks', 'PAN-OS', '9.1', 'allow']);
    expect(v1?.values.get('Subtype')).toBe('end');
    const hex = parseKv('host LEEF:2.0|V|P|1|deny|x5E|cat=TRAFFIC^RuleName=a|b');
    expect(hex?.values.get('RuleName')).toBe('a|b');
    const lit = parseKv('LEEF:2.0|V|P|1|deny|;|cat=TRAFFIC;Subtype=drop');
    expect(lit?.values.get('Subtype')).toBe('drop');
  });

  it('reads CEF values with spaces and escaped = and |', () => {
    const r = parseKv(
      '<14>x CEF:0|Palo\\|Alto|LF|2.0|TRAFFIC|end|3|cs1=My Rule name suser=a\\=b act=allow',
    );
    expect(r?.header[0]).toBe('Palo|Alto');
    expect(r?.values.get('cs1')).toBe('My Rule name');
    expect(r?.values.get('suser')).toBe('a=b');
    expect(r?.values.get('act')).toBe('allow');
  });

  it('reads Strata JSON objects and refuses other JSON', () => {
    expect(parseKv('{"LogType":"TRAFFIC","Bytes":74,"X":null}')?.values.get('Bytes')).toBe('74');
    expect(parseKv('[1,2]')).toBeNull();
    expect(parseKv('{"broken":')).toBeNull();
    expect(parseKv('1,2020/01/01 00:00:00,x,TRAFFIC')).toBeNull();
  });

  it('parses long adversarial extensions (linear patterns: a hang would time the test out)', () => {
    const long = `CEF:0|a|b|c|d|e|f|${'k'.repeat(200_000)} ${'x='.repeat(50_000)}`;
    const r = parseKv(long);
    expect(r?.format).toBe('cef');
    expect(r?.values.get('x')?.length).toBe(99_998);
  });
});
