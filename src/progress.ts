// The progress line on stderr for long runs: bytes read of the input's size, rows/s and ETA,
// redrawn in place at most 4 times a second and only once a run has lasted a second. Off unless
// stderr is a terminal and CI is unset. Time comes from Io.now(), so tests drive the clock.
import type { Io } from './io.js';
import { escapeTerminal } from './render/escape.js';
import { bytes as fmtBytes, num } from './render/text.js';

export const REDRAW_MS = 250;
/** Runs shorter than this never show a line. */
export const QUIET_START_MS = 1000;

export interface Progress {
  update(
    p: { input: string; index: number; bytes: number; size: number | null },
    rows: number,
  ): void;
  /** Clears the line (if one was drawn), so a note on stderr starts a line of its own. */
  clear(): void;
  /** Clears the line (if one was drawn). */
  done(): void;
}

export function progressEnabled(io: Io): boolean {
  const ci = io.env.CI;
  return io.stderrIsTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export function createProgress(io: Io, inputs: number): Progress {
  const start = io.now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(p, rows) {
      const now = io.now();
      if (now - start < QUIET_START_MS || now - last < REDRAW_MS) return;
      last = now;
      const secs = (now - start) / 1000;
      const rate = rows / secs;
      let of = fmtBytes(p.bytes);
      let eta = '';
      if (p.size !== null && p.size > 0) {
        const share = Math.min(1, p.bytes / p.size);
        of = `${fmtBytes(p.bytes)} of ${fmtBytes(p.size)} (${Math.floor(share * 100)}%)`;
        const byteRate = p.bytes / secs;
        if (byteRate > 0) eta = `, ETA ${clock((p.size - p.bytes) / byteRate)}`;
      }
      const which = inputs > 1 ? `[${p.index + 1}/${inputs}] ` : '';
      io.stderr.write(
        `\r\u001b[K${which}${escapeTerminal(p.input)}: ${of}, ${num(Math.round(rate))} rows/s${eta}`,
      );
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr.write('\r\u001b[K');
      drawn = false;
    },
    done() {
      this.clear();
    },
  };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
