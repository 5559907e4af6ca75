// Preloaded (NODE_OPTIONS=--import) into a timed Node process when /usr/bin/time is missing:
// writes the process's peak RSS in KiB to $PAN_SER_BENCH_RSS_OUT when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const out = process.env.PAN_SER_BENCH_RSS_OUT;
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS));
});
