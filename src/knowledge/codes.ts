// The firewall's SSL/SSH decryption error codes and the TLS fatal alerts, each with the
// decrypt-* end reason it leads to. Facts: Palo Alto Networks KB 55086 "PAN-OS 7.1 New 'session
// end' reasons" (see ../shared/formats/decrypt-reason-codes.md); alert names: RFC 5246 §7.2.
// Data and lookups only; `explain` and the findings read it, nothing restates it.
import type { ReasonKey } from './reasons.js';

export type DecryptReason = Extract<
  ReasonKey,
  'decrypt-cert-validation' | 'decrypt-unsupport-param' | 'decrypt-error'
>;

export interface ErrorCodeInfo {
  readonly source: 'SSL' | 'SSH';
  readonly code: number;
  readonly reason: DecryptReason;
  /** Our plain-words gloss of the name. */
  readonly meaning: string;
}

export const ERROR_CODES = {
  PAN_SSL_ERROR_GENERAL: {
    source: 'SSL',
    code: -1,
    reason: 'decrypt-error',
    meaning: 'a general SSL error',
  },
  PAN_SSL_ERROR_UNSUPPORTED: {
    source: 'SSL',
    code: -2,
    reason: 'decrypt-unsupport-param',
    meaning: 'a parameter of the handshake is not supported',
  },
  PAN_SSL_ERROR_INVALID_CERT: {
    source: 'SSL',
    code: -3,
    reason: 'decrypt-cert-validation',
    meaning: 'the certificate is invalid',
  },
  PAN_SSL_ERROR_HANDSHAKE_FAILURE: {
    source: 'SSL',
    code: -4,
    reason: 'decrypt-unsupport-param',
    meaning: 'the two sides could not agree on handshake parameters',
  },
  PAN_SSL_ERROR_UNMATCHED_KEY: {
    source: 'SSL',
    code: -5,
    reason: 'decrypt-error',
    meaning: 'the private key does not match the certificate',
  },
  PAN_SSL_ERROR_RESUME_SESSION: {
    source: 'SSL',
    code: -6,
    reason: 'decrypt-error',
    meaning: 'an SSL session could not be resumed',
  },
  PAN_SSL_ERROR_UNSUPPORTED_VER: {
    source: 'SSL',
    code: -7,
    reason: 'decrypt-unsupport-param',
    meaning: 'the SSL/TLS protocol version is not supported',
  },
  PAN_SSL_ERROR_NO_RESOURCE: {
    source: 'SSL',
    code: -8,
    reason: 'decrypt-error',
    meaning: 'the firewall ran out of decryption resources',
  },
  PAN_SSL_ERROR_UNTRUSTED_ISSUER: {
    source: 'SSL',
    code: -9,
    reason: 'decrypt-cert-validation',
    meaning: 'the certificate issuer is not trusted',
  },
  PAN_SSL_ERROR_EXPIRED_CERT: {
    source: 'SSL',
    code: -10,
    reason: 'decrypt-cert-validation',
    meaning: 'the certificate has expired',
  },
  PAN_SSL_ERROR_CLIENT_CERT: {
    source: 'SSL',
    code: -11,
    reason: 'decrypt-cert-validation',
    meaning: 'the server asked for a client certificate (client authentication)',
  },
  PAN_SSL_ERROR_UNSUPPORTED_CIPHER: {
    source: 'SSL',
    code: -12,
    reason: 'decrypt-unsupport-param',
    meaning: 'the cipher suite is not supported',
  },
  PAN_SSL_ERROR_CERT_ON_HSM: {
    source: 'SSL',
    code: -13,
    reason: 'decrypt-cert-validation',
    meaning: 'a certificate problem with a key held on the HSM',
  },
  PAN_SSL_ERROR_HSM_REQRESP: {
    source: 'SSL',
    code: -14,
    reason: 'decrypt-error',
    meaning: 'a request to the HSM failed',
  },
  PAN_SSL_ERROR_HSM_DOWN: {
    source: 'SSL',
    code: -15,
    reason: 'decrypt-error',
    meaning: 'the HSM is down',
  },
  PAN_SSL_ERROR_HSM_OTHER: {
    source: 'SSL',
    code: -16,
    reason: 'decrypt-error',
    meaning: 'another HSM error',
  },
  PAN_SSL_HB_HEARTBLEED_DETECTED: {
    source: 'SSL',
    code: -17,
    reason: 'decrypt-error',
    meaning: 'a Heartbleed attempt was detected',
  },
  PAN_SSL_ERROR_KEY_EXCHANGE: {
    source: 'SSL',
    code: -18,
    reason: 'decrypt-error',
    meaning: 'the key exchange failed',
  },
  PAN_SSH_ERROR_EXPECT_MORE: {
    source: 'SSH',
    code: -10,
    reason: 'decrypt-error',
    meaning: 'the SSH stream ended before a message was complete',
  },
  PAN_SSH_ERROR_MAC_INVALID: {
    source: 'SSH',
    code: -20,
    reason: 'decrypt-error',
    meaning: 'an SSH message failed its integrity check (MAC)',
  },
  PAN_SSH_ERROR_DECRYPTION_FAILURE: {
    source: 'SSH',
    code: -21,
    reason: 'decrypt-error',
    meaning: 'an SSH message could not be decrypted',
  },
  PAN_SSH_ERROR_ENCRYPTION_FAILURE: {
    source: 'SSH',
    code: -22,
    reason: 'decrypt-error',
    meaning: 'an SSH message could not be encrypted',
  },
  PAN_SSH_ERROR_VERSION_FROM_CLIENT_UNSUPPORTED: {
    source: 'SSH',
    code: -30,
    reason: 'decrypt-unsupport-param',
    meaning: "the client's SSH version is not supported",
  },
  PAN_SSH_ERROR_VERSION_FROM_SERVER_UNSUPPORTED: {
    source: 'SSH',
    code: -31,
    reason: 'decrypt-unsupport-param',
    meaning: "the server's SSH version is not supported",
  },
  PAN_SSH_ERROR_VERSION_TOO_LONG: {
    source: 'SSH',
    code: -32,
    reason: 'decrypt-error',
    meaning: 'the SSH version string is too long',
  },
  PAN_SSH_ERROR_VERSION_MALFORMED: {
    source: 'SSH',
    code: -33,
    reason: 'decrypt-error',
    meaning: 'the SSH version string is malformed',
  },
  PAN_SSH_ERROR_KEX_ALGORITHM_FROM_CLIENT_UNSUPPORTED: {
    source: 'SSH',
    code: -40,
    reason: 'decrypt-unsupport-param',
    meaning: "the client's key exchange algorithm is not supported",
  },
  PAN_SSH_ERROR_KEX_ALGORITHM_FROM_SERVER_UNSUPPORTED: {
    source: 'SSH',
    code: -41,
    reason: 'decrypt-unsupport-param',
    meaning: "the server's key exchange algorithm is not supported",
  },
  PAN_SSH_ERROR_KEX_UNEXPECTED_MESSAGE: {
    source: 'SSH',
    code: -42,
    reason: 'decrypt-error',
    meaning: 'an unexpected message arrived during key exchange',
  },
  PAN_SSH_ERROR_KEX_PACKET_TOO_LONG: {
    source: 'SSH',
    code: -43,
    reason: 'decrypt-error',
    meaning: 'a key exchange packet is too long',
  },
  PAN_SSH_ERROR_KEX_METHOD_SPECIFIC: {
    source: 'SSH',
    code: -44,
    reason: 'decrypt-error',
    meaning: 'a method-specific key exchange error',
  },
  PAN_SSH_ERROR_KEX_TOO_FREQUENT: {
    source: 'SSH',
    code: -45,
    reason: 'decrypt-error',
    meaning: 'key exchanges (re-keying) came too often',
  },
  PAN_SSH_ERROR_BUFFER_FULL: {
    source: 'SSH',
    code: -50,
    reason: 'decrypt-error',
    meaning: 'an SSH buffer is full',
  },
  PAN_SSH_ERROR_BUFFER_READ_OUT: {
    source: 'SSH',
    code: -51,
    reason: 'decrypt-error',
    meaning: 'a read went past the end of an SSH buffer',
  },
  PAN_SSH_ERROR_BUFFER_DEST_TOO_SHORT: {
    source: 'SSH',
    code: -52,
    reason: 'decrypt-error',
    meaning: 'an SSH destination buffer is too short',
  },
  PAN_SSH_ERROR_BUFFER_BIGNUM_NEGATIVE: {
    source: 'SSH',
    code: -53,
    reason: 'decrypt-error',
    meaning: 'a big number in an SSH message is negative',
  },
  PAN_SSH_ERROR_BUFFER_BIGNUM_TOO_SMALL: {
    source: 'SSH',
    code: -54,
    reason: 'decrypt-error',
    meaning: 'a big number in an SSH message is too small',
  },
  PAN_SSH_ERROR_BUFFER_BIGNUM_TOO_BIG: {
    source: 'SSH',
    code: -55,
    reason: 'decrypt-error',
    meaning: 'a big number in an SSH message is too big',
  },
  PAN_SSH_ERROR_BUFFER_BIGNUM_FAILURE: {
    source: 'SSH',
    code: -56,
    reason: 'decrypt-error',
    meaning: 'a big number in an SSH message could not be handled',
  },
  PAN_SSH_ERROR_RESOURCE_UNAVAILABLE: {
    source: 'SSH',
    code: -60,
    reason: 'decrypt-error',
    meaning: 'the firewall ran out of SSH decryption resources',
  },
  PAN_SSH_ERROR_INTERNAL: {
    source: 'SSH',
    code: -70,
    reason: 'decrypt-error',
    meaning: 'an internal SSH proxy error',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCodeName = keyof typeof ERROR_CODES;
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as readonly ErrorCodeName[];

export interface TlsAlertInfo {
  /** Alert number on the wire (RFC 5246 §7.2). */
  readonly value: number;
  readonly reason: DecryptReason;
  /** True when KB 55086 names the alert; the others fall under "any other fatal alert". */
  readonly named: boolean;
  readonly meaning: string;
}

/** TLS alerts that can be fatal. close_notify is left out: it is a normal close, not an error. */
export const TLS_ALERTS = {
  unexpected_message: {
    value: 10,
    reason: 'decrypt-unsupport-param',
    named: true,
    meaning: 'a message arrived that was not expected at that point (unexpected record types)',
  },
  bad_record_mac: {
    value: 20,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a record failed its integrity check',
  },
  decryption_failed_RESERVED: {
    value: 21,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a record could not be decrypted (old TLS versions only)',
  },
  record_overflow: {
    value: 22,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a record was longer than allowed',
  },
  decompression_failure: {
    value: 30,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a record could not be decompressed',
  },
  handshake_failure: {
    value: 40,
    reason: 'decrypt-unsupport-param',
    named: true,
    meaning: 'no set of security parameters acceptable to both sides',
  },
  no_certificate_RESERVED: {
    value: 41,
    reason: 'decrypt-cert-validation',
    named: true,
    meaning: 'no certificate was available (SSLv3 only)',
  },
  bad_certificate: {
    value: 42,
    reason: 'decrypt-cert-validation',
    named: true,
    meaning: 'a certificate was corrupt or its signature did not verify',
  },
  unsupported_certificate: {
    value: 43,
    reason: 'decrypt-cert-validation',
    named: true,
    meaning: 'a certificate of an unsupported type',
  },
  certificate_revoked: {
    value: 44,
    reason: 'decrypt-cert-validation',
    named: true,
    meaning: 'a certificate was revoked by its issuer',
  },
  certificate_expired: {
    value: 45,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a certificate has expired or is not yet valid',
  },
  certificate_unknown: {
    value: 46,
    reason: 'decrypt-error',
    named: false,
    meaning: 'some other certificate problem made it unacceptable',
  },
  illegal_parameter: {
    value: 47,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a handshake field was out of range or inconsistent',
  },
  unknown_ca: {
    value: 48,
    reason: 'decrypt-error',
    named: false,
    meaning: 'the certificate chain ends at a CA the peer does not know or trust',
  },
  access_denied: {
    value: 49,
    reason: 'decrypt-cert-validation',
    named: true,
    meaning: 'a valid certificate, but access control refused the handshake',
  },
  decode_error: {
    value: 50,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a message could not be decoded',
  },
  decrypt_error: {
    value: 51,
    reason: 'decrypt-error',
    named: false,
    meaning: 'a handshake cryptographic operation failed',
  },
  export_restriction_RESERVED: {
    value: 60,
    reason: 'decrypt-error',
    named: false,
    meaning: 'an export-restricted negotiation (old TLS versions only)',
  },
  protocol_version: {
    value: 70,
    reason: 'decrypt-error',
    named: false,
    meaning: 'the peer does not support the offered protocol version',
  },
  insufficient_security: {
    value: 71,
    reason: 'decrypt-error',
    named: false,
    meaning: 'the server needs stronger ciphers than the client offered',
  },
  internal_error: {
    value: 80,
    reason: 'decrypt-error',
    named: false,
    meaning: 'an error inside the peer unrelated to the protocol',
  },
  user_canceled: {
    value: 90,
    reason: 'decrypt-error',
    named: false,
    meaning: 'the handshake was cancelled by the user (normally a warning)',
  },
  no_renegotiation: {
    value: 100,
    reason: 'decrypt-error',
    named: false,
    meaning: 'the peer refuses to renegotiate (normally a warning)',
  },
  unsupported_extension: {
    value: 110,
    reason: 'decrypt-unsupport-param',
    named: true,
    meaning: 'an extension the peer did not offer or cannot accept',
  },
} as const satisfies Record<string, TlsAlertInfo>;

export type TlsAlertName = keyof typeof TLS_ALERTS;
export const TLS_ALERT_NAMES = Object.keys(TLS_ALERTS) as readonly TlsAlertName[];

/** Every error code with this number: SSL and SSH share the number space (-10 is both). */
export function codesByNumber(code: number): ErrorCodeName[] {
  return ERROR_CODE_NAMES.filter((n) => ERROR_CODES[n].code === code);
}

/** Letters and digits only, lower case: `BadCertificate`, `bad_certificate`, `bad certificate`. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const ALERT_BY_SQUASHED = new Map(TLS_ALERT_NAMES.map((n) => [squash(n), n]));

/** PAN_SSL_ERROR_UNSUPPORTED is a prefix of _UNSUPPORTED_VER and _UNSUPPORTED_CIPHER. */
const CODE_NAMES_LONGEST_FIRST = [...ERROR_CODE_NAMES].sort((a, b) => b.length - a.length);

const ALERTS_LONGEST_FIRST = [...ALERT_BY_SQUASHED].sort((a, b) => b[0].length - a[0].length);

export function findAlert(text: string): TlsAlertName | null {
  return ALERT_BY_SQUASHED.get(squash(text)) ?? null;
}

export function findErrorCode(text: string): ErrorCodeName | null {
  const v = text.trim().toUpperCase();
  return Object.hasOwn(ERROR_CODES, v) ? (v as ErrorCodeName) : null;
}

export interface DecryptErrorGuess {
  readonly reason: DecryptReason;
  /** What in the text gave it away: an error code name or a TLS alert name. */
  readonly by: string;
}

/**
 * Reads the free-text Error of a DECRYPTION log (e.g. "Received fatal alert BadCertificate from
 * client") for a code or alert name and says which decrypt-* reason it stands for; null when
 * the text names neither. Longest code and alert names are tried first so
 * `PAN_SSL_ERROR_UNSUPPORTED_VER` or `certificate_unknown` is not read as a shorter name inside it.
 */
export function guessDecryptReason(text: string): DecryptErrorGuess | null {
  const upper = text.toUpperCase();
  for (const name of CODE_NAMES_LONGEST_FIRST) {
    if (upper.includes(name)) return { reason: ERROR_CODES[name].reason, by: name };
  }
  const flat = squash(text);
  for (const [key, name] of ALERTS_LONGEST_FIRST) {
    if (flat.includes(key)) return { reason: TLS_ALERTS[name].reason, by: name };
  }
  return null;
}
