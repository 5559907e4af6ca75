import { describe, expect, it } from 'vitest';
import { splitSyslogPrefix } from '../../src/input/syslog.js';

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
