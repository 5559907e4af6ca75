// The commander program and `run(argv, io)`: registers the commands (one file each under
// commands/), runs one, and maps every failure to an exit code through errors.ts. Tests call
// run() directly with a fake Io.
import { Command, CommanderError } from 'commander';
import { debugStack, ERROR_CODES, EXIT, formatErrorLine, PanSerError } from './errors.js';
import type { Io } from './io.js';
import { escapeTerminal } from './render/escape.js';
import { escapeLines } from './commands/shared.js';

export const VERSION = '0.1.0';

type SetExit = (code: number) => void;
type Err = (line: string) => void;

/**
 * The commands, each loaded only when needed: a run of one command loads only its module (and
 * what it imports), not the other commands' renderers and libraries; help and unknown commands
 * load them all. Adding a command = one file under commands/ and one entry here.
 */
const COMMANDS: Readonly<
  Record<string, () => Promise<(program: Command, io: Io, err: Err, setExit: SetExit) => void>>
> = {
  analyze: async () => (await import('./commands/analyze.js')).registerAnalyze,
  diff: async () => (await import('./commands/diff.js')).registerDiff,
  reasons: async () => {
    const { registerReasons } = await import('./commands/reasons.js');
    return (program, io) => {
      registerReasons(program, io);
    };
  },
  explain: async () => {
    const { registerExplain } = await import('./commands/explain.js');
    return (program, io) => {
      registerExplain(program, io);
    };
  },
  findings: async () => {
    const { registerFindings } = await import('./commands/findings.js');
    return (program, io) => {
      registerFindings(program, io);
    };
  },
};

/** Commander's message on one line (its "Did you mean …?" comes on a line of its own). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** The commands a command line needs registered: the one it names, else all (for help). */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

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
          `pan-ser: ${escapeTerminal(oneLine(s.replace(/^error: /, '')))} (run pan-ser --help for usage)\n`,
        );
      },
    });

  const setExit: SetExit = (code) => {
    exitCode = code;
  };
  for (const name of commandsFor(argv)) {
    const load = COMMANDS[name];
    if (load) (await load())(program, io, err, setExit);
  }

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
