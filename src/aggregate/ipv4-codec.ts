// IPv4 addresses as 32-bit codes, for the address tables (TopK with a KeyCodec): only the
// canonical dotted quad ("10.0.0.1": four decimal octets 0-255, no leading zeros, nothing else)
// has a code, so decoding gives back exactly the text that was logged. Anything else (IPv6, a
// zero-padded or damaged address, an empty field) stays text.
import type { KeyCodec } from './top-k.js';

/** The code of `src[from, to)` read as a canonical dotted quad, or -1. */
export function ipv4Code(src: string, from: number, to: number): number {
  if (to - from < 7 || to - from > 15) return -1;
  let code = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      code = code * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return code * 256 + octet;
}

export const IPV4_CODEC: KeyCodec = {
  encode: (value) => ipv4Code(value, 0, value.length),
  decode: (code) => `${code >>> 24}.${(code >>> 16) & 255}.${(code >>> 8) & 255}.${code & 255}`,
};
