// Process glue: runs the CLI against the real process, treats a closed stdout (EPIPE, e.g.
// `pan-ser … | head -1`) as success, and sets the exit code. Nothing else lives here.
import { run } from './cli.js';
import { processIo } from './io.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await run(process.argv.slice(2), processIo());
