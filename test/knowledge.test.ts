import { describe, expect, it } from 'vitest';
import { flagColumns } from '../src/fields/headers.js';
import { guessDecryptReason } from '../src/knowledge/codes.js';
import { ACTIONS, normalizeAction } from '../src/knowledge/actions.js';
import { decodeFlags, FLAGS, hasFlag, parseFlags } from '../src/knowledge/flags.js';
import { normalizeReason, REASONS, REASON_KEYS } from '../src/knowledge/reasons.js';

describe('reason table', () => {
  it('holds the 14 documented reasons with precedence 1..14 in order', () => {
    expect(REASON_KEYS).toEqual([
      'threat',
      'policy-deny',
      'decrypt-cert-validation',
      'decrypt-unsupport-param',
      'decrypt-error',
      'tcp-rst-from-client',
      'tcp-rst-from-server',
      'resources-unavailable',
      'tcp-fin',
      'tcp-reuse',
      'decoder',
      'aged-out',
      'unknown',
      'n/a',
    ]);
    expect(REASON_KEYS.map((k) => REASONS[k].precedence)).toEqual(
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
  });

  it('gives every reason a meaning, causes and next checks', () => {
    for (const k of REASON_KEYS) {
      expect(REASONS[k].meaning.length, k).toBeGreaterThan(20);
      expect(REASONS[k].causes.length, k).toBeGreaterThan(0);
      expect(REASONS[k].nextChecks.length, k).toBeGreaterThan(0);
    }
  });

  it('normalises case, spaces and the KB spelling variant, and refuses unknown values', () => {
    expect(normalizeReason(' TCP-FIN ')).toBe('tcp-fin');
    expect(normalizeReason('N/A')).toBe('n/a');
    expect(normalizeReason('decrypt-unsupported-param')).toBe('decrypt-unsupport-param');
    expect(normalizeReason('incomplete')).toBeNull();
    expect(normalizeReason('')).toBeNull();
    expect(normalizeReason('constructor')).toBeNull();
  });
});

describe('actions', () => {
  it('normalises spelled variants', () => {
    expect(normalizeAction('reset both')).toBe('reset-both');
    expect(normalizeAction('drop ICMP')).toBe('drop-icmp');
    expect(normalizeAction('Reset-Client')).toBe('reset-client');
    expect(normalizeAction('RESET_SERVER')).toBe('reset-server');
    expect(normalizeAction('xxxx')).toBeNull();
    expect(normalizeAction('toString')).toBeNull();
  });
  it('marks only allow as not blocking', () => {
    const nonBlocking = Object.entries(ACTIONS).filter(([, a]) => !a.blocks);
    expect(nonBlocking.map(([k]) => k)).toEqual(['allow']);
  });
});

describe('flags', () => {
  it('parses hex and decimal and refuses junk', () => {
    expect(parseFlags('0x1400070')).toBe(0x1400070);
    expect(parseFlags('0X00200000')).toBe(0x200000);
    expect(parseFlags('15')).toBe(15);
    expect(parseFlags('0x')).toBeNull();
    expect(parseFlags('0x1ffffffff')).toBeNull();
    expect(parseFlags('yes')).toBeNull();
  });
  it('names documented bits and keeps the rest as undocumented', () => {
    const d = decodeFlags(0x1400070);
    expect(d.known).toEqual(['decrypted', 'nat']);
    expect(d.undocumented).toBe('0x70');
    expect(hasFlag(0x80000000, 'pcap')).toBe(true);
    expect(decodeFlags(0).known).toEqual([]);
    expect(decodeFlags(0).undocumented).toBeNull();
  });
  it('has distinct single-bit masks', () => {
    const masks = Object.values(FLAGS).map((f) => f.mask);
    expect(new Set(masks).size).toBe(masks.length);
    for (const m of masks) expect(m & (m - 1)).toBe(0);
  });
});

describe('decryption error text', () => {
  it('names the longest code a text holds, not a shorter code that prefixes it', () => {
    expect(guessDecryptReason('error PAN_SSL_ERROR_UNSUPPORTED_VER on handshake')).toEqual({
      reason: 'decrypt-unsupport-param',
      by: 'PAN_SSL_ERROR_UNSUPPORTED_VER',
    });
    expect(guessDecryptReason('PAN_SSL_ERROR_UNSUPPORTED_CIPHER')?.by).toBe(
      'PAN_SSL_ERROR_UNSUPPORTED_CIPHER',
    );
    expect(guessDecryptReason('PAN_SSL_ERROR_UNSUPPORTED')?.by).toBe('PAN_SSL_ERROR_UNSUPPORTED');
  });
});

describe('XML API yes/no flag elements', () => {
  it('reads flag-proxy as the decrypted (SSL proxy) bit and transaction as the proxy-transaction bit', () => {
    expect(flagColumns(['flag-proxy', 'transaction', 'flag-url-denied'])).toEqual([
      { col: 0, mask: FLAGS.decrypted.mask },
      { col: 1, mask: FLAGS.proxy_transaction.mask },
      { col: 2, mask: FLAGS.url_denied.mask },
    ]);
  });
});
