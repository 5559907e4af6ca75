// Helpers shared by the commands: option parsers, the one colour decision and stderr escaping.
import { InvalidArgumentError } from 'commander';
import type { Io } from '../io.js';
import { DEFAULT_VIEW, type View } from '../render/view.js';
import { escapeTerminal } from '../render/escape.js';

export function positiveInt(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    }
    return Number(v);
  };
}

/** Colour only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it. */
export function wantsColor(io: Io, flag: boolean): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

/** Writes one line to stderr. */
export type ErrLine = (line: string) => void;

/** escapeTerminal for each line of a multi-line text (a stack, commander's usage errors). */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

/**
 * The one decision of colour and width for a command's output: the terminal's width and colour
 * rules for stdout, plain and the default width for a file.
 */
export function outputView(io: Io, colorFlag: boolean, top: number, toFile = false): View {
  return toFile
    ? { color: false, width: DEFAULT_VIEW.width, top }
    : { color: wantsColor(io, colorFlag), width: io.columns ?? DEFAULT_VIEW.width, top };
}
