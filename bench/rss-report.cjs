// Preloaded (NODE_OPTIONS=--require) into a timed Node process when /usr/bin/time is missing:
// writes the process's peak RSS in KiB to $PAN_SER_BENCH_RSS_OUT when it exits.
'use strict';
process.on('exit', () => {
  const out = process.env.PAN_SER_BENCH_RSS_OUT;
  if (out) require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS));
});
