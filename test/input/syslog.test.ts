import { describe, expect, it } from 'vitest';
import { readHeaderKind, splitSyslogPrefix } from '../../src/input/syslog.js';

describe('splitSyslogPrefix', () => {
  it.each([
    ['1', 'bare', '1'],
    ['<14>Sep 20 13:03:58 PA-VM 1', 'bsd', '1'],
    ['<12> Jul 14 11:22:29 MY-HOST.example.com 1', 'bsd', '1'],
    ['Nov 30 16:09:08 PA-220 1', 'bsd-no-pri', '1'],
    ['Jul 13 20:39:44 1', 'bsd-no-pri', '1'],
    ['Nov  3 20:39:44 fw 1', 'bsd-no-pri', '1'],
    ['<14>1 2020-03-27T09:57:41+01:00 PA-VM - - - - 1', 'rfc5424', '1'],
    ['<14>1 2025-07-14T09:50:36-04:00 the-hostname - - - -  1', 'rfc5424', '1'],
    ['535 <14>1 2020-03-27T09:57:41+01:00 PA-VM - - - - 1', 'rfc6587+rfc5424', '1'],
    ['0', 'bare', '0'],
    ['garbage here 1', 'other', '1'],
  ])('%j is %s', (field0, kind, first) => {
    expect(splitSyslogPrefix(field0)).toEqual({ header: kind, first });
  });
});

describe('the header kind cache', () => {
  it('gives the kind a fresh read gives, line after line of headers that differ in digits', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const d = () => String(rnd(10));
    const forms = [
      () =>
        `<1${d()}>Nov ${rnd(2) === 0 ? ' ' : '1'}${d()} 0${d()}:${d()}${d()}:1${d()} fw0${d()} `,
      () => `<1${d()}>${rnd(3) === 0 ? '2' : '1'} 2026-11-2${d()}T0${d()}:00:00Z fw - - - - `,
      () =>
        `${d()}${d()} <1${d()}>${rnd(3) === 0 ? '2' : '1'} 2026-11-2${d()}T00:00:00Z fw - - - - `,
      () => `Nov ${d()}${d()} 1${d()}:${d()}${d()}:${d()}${d()} fw `,
      () => `x${d()} y${d()} `,
    ];
    let form = 0;
    for (let i = 0; i < 5000; i++) {
      if (rnd(20) === 0) form = rnd(forms.length);
      const head = (forms[form] ?? (() => ''))();
      const got = splitSyslogPrefix(`${head}1`);
      expect(got, head).toEqual({ header: readHeaderKind(head), first: '1' });
    }
  });
});
