// Caches for the pure "raw log text → meaning" functions, which see the same few values
// millions of times. Bounded, so hostile input with endless distinct values cannot grow them;
// keys are copied so a cached key never pins the decoded block it was sliced from.
import { ownCopy } from '../input/blocks.js';

/** `fn` with a cache of its first `max` distinct inputs (fn must be pure). */
export function memoize<T>(fn: (raw: string) => T, max = 512): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const v = fn(raw);
    if (cache.size < max && v !== undefined) cache.set(ownCopy(raw), v);
    return v;
  };
}

/** `fn` remembering only its last input: for values that repeat in runs (timestamps). */
export function memoizeLast<T>(fn: (raw: string) => T): (raw: string) => T {
  let lastRaw: string | null = null;
  let last: T | undefined;
  return (raw) => {
    if (raw === lastRaw) return last as T;
    last = fn(raw);
    lastRaw = ownCopy(raw);
    return last;
  };
}
