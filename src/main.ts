// Process glue: runs the CLI against the real process, treats a closed stdout (EPIPE, e.g.
// `pan-ser … | head -1`) as success, and sets the exit code. Nothing else lives here, except
// that a run likely to split a big file starts its worker thread before the CLI loads
// (prestart.ts).
import { prestartWorker, stopPrestarted } from './prestart.js';

prestartWorker(process.argv.slice(2), process.env);

const { run } = await import('./cli.js');
const { processIo } = await import('./io.js');

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await run(process.argv.slice(2), processIo());
await stopPrestarted();
