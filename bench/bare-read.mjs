// Peer for the benchmark: Node reading the file in 1 MiB chunks and doing nothing else, the
// floor any Node tool pays. Usage: node bench/bare-read.mjs FILE
import { createReadStream } from 'node:fs';

let bytes = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  bytes += chunk.length;
}
process.stdout.write(`${bytes}\n`);
