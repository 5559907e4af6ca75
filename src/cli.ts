// The commander program and `run(argv, io)`: registers the commands (one file each under
// commands/), runs one, and maps every failure to an exit code through errors.ts. Tests call
// run() directly with a fake Io.
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerFindings } from './commands/findings.js';
import { registerReasons } from './commands/reasons.js';
import { debugStack, ERROR_CODES, EXIT, formatErrorLine, PanSerError } from './errors.js';
import type { Io } from './io.js';
import { escapeTerminal } from './render/escape.js';
import { escapeLines } from './commands/shared.js';

export const VERSION = '0.1.0';

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const err = (line: string) => io.stderr.write(`${line}\n`);

  const program = new Command()
    .name('pan-ser')
    .description(
      'Explains why PAN-OS sessions ended: reads TRAFFIC logs (web-UI CSV exports or syslog) and breaks them down by Session End Reason, with what each reason means and what to check.',
    )
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander quotes the user's arguments back, and they may hold escape sequences.
      // One line, like every other error: the message, then where usage is.
      outputError: (s, write) => {
        write(
          `pan-ser: ${escapeLines(s.replace(/^error: /, '').trimEnd())} (run pan-ser --help for usage)\n`,
        );
      },
    });

  registerAnalyze(program, io, err, (code) => {
    exitCode = code;
  });
  registerDiff(program, io, err, (code) => {
    exitCode = code;
  });
  registerReasons(program, io);
  registerExplain(program, io);
  registerFindings(program, io);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usageOrInput;
    }
    const stack = debugStack(io.env, e);
    if (e instanceof PanSerError) {
      err(escapeTerminal(formatErrorLine(e)));
      if (stack !== null) err(escapeLines(stack));
      return ERROR_CODES[e.code].exit;
    }
    err(
      escapeTerminal(
        `pan-ser: internal error: ${e instanceof Error ? e.message : String(e)} [INTERNAL] (please report it; PAN_SER_DEBUG=1 shows the stack)`,
      ),
    );
    if (stack !== null) err(escapeLines(stack));
    return ERROR_CODES.INTERNAL.exit;
  }
  return exitCode;
}
