// Process glue: runs the CLI against the real process, treats a closed stdout (EPIPE, e.g.
// `pan-ser … | head -1`) as success, and sets the exit code. Nothing else lives here.
import { run } from './cli.js';
import { processIo } from './io.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// A closed stderr (`pan-ser … 2>&1 >report.json | head -1`) only loses the notes on it: the run
// goes on, so the report is still written and the exit code still tells what happened. Without a
// listener the first note written after the close would end the process with no report.
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

process.exitCode = await run(process.argv.slice(2), processIo());
