#!/usr/bin/env node
// Where one thread's time goes: runs the analysis of one file (from dist/, one thread, no
// report) stopped after each stage, each in its own process, round-robin, and prints the median
// CPU seconds of each stage and what it adds to the one before. Stages, each including the ones
// before it:
//   read      the file's bytes read, nothing else
//   map       lines framed, split and mapped to records (input/, fields/)
//   fields    the fields the analysis uses read from each record (as strings)
//   classify  each record classified (classify/), the findings matched
//   full      everything counted (aggregate/): what `analyze` does before its report
// Usage: node bench/stages.mjs FILE [--runs N] [--stages read,map,...]
// CPU time (user + system) moves much less than wall time on a busy machine; instruction counts
// (valgrind) were a poor guide here: a change that removed 12% of them changed no wall time.
import { spawnSync } from 'node:child_process';
import { openSync, readSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const STAGES = ['read', 'map', 'fields', 'classify', 'full'];
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

if (process.env.PAN_SER_STAGE) {
  await runStage(process.argv[2], process.env.PAN_SER_STAGE);
} else {
  await main(process.argv.slice(2));
}

async function main(args) {
  const file = args.find((a, i) => !a.startsWith('--') && !/^--/.test(args[i - 1] ?? ''));
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const runs = Number(opt('--runs', '5'));
  const stages = opt('--stages', STAGES.join(',')).split(',');
  if (!file || !Number.isInteger(runs) || runs < 1 || stages.some((s) => !STAGES.includes(s))) {
    console.error(
      `usage: node bench/stages.mjs FILE [--runs N] [--stages ${STAGES.join(',')}] (needs npm run build)`,
    );
    process.exit(2);
  }
  const cpu = new Map(stages.map((s) => [s, []]));
  for (let r = 0; r < runs; r++) {
    for (const stage of stages) {
      const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), file], {
        env: { ...process.env, PAN_SER_STAGE: stage },
        encoding: 'utf8',
      });
      if (p.status !== 0) {
        console.error(p.stderr.trim().split('\n').slice(-3).join('\n'));
        process.exit(1);
      }
      cpu.get(stage).push(Number(p.stdout.trim()));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${file}: median CPU seconds of ${runs} runs, one thread`);
  console.log('stage       total   added');
  let before = 0;
  for (const stage of stages) {
    const m = median(cpu.get(stage));
    console.log(
      `${stage.padEnd(10)} ${m.toFixed(2).padStart(6)}  ${(m - before).toFixed(2).padStart(6)}`,
    );
    before = m;
  }
}

/** One stage over `file` in this process; prints its CPU seconds. */
async function runStage(file, stage) {
  const load = (path) => import(pathToFileURL(DIST + path).href);
  const { createFeeder, countInto } = await load('feed.js');
  const { createMapper } = await load('fields/map.js');
  const { createAggregator, DEFAULT_AGGREGATOR_OPTIONS } = await load('aggregate/aggregator.js');
  const { classifyRecord } = await load('classify/classify.js');
  const { FIELD_IDS } = await load('fields/field-ids.js');
  const options = {
    inputFormat: 'auto',
    parser: 'fast',
    aggregator: DEFAULT_AGGREGATOR_OPTIONS,
    maxRecordBytes: 1 << 20,
    strict: false,
  };
  // The fields the analysis reads on every record (classify, group tables, findings).
  const fields = [
    'rule',
    'app',
    'from',
    'to',
    'session_end_reason',
    'action',
    'flags',
    'bytes',
    'time_generated',
    'repeatcnt',
    'subtype',
    'src',
    'dst',
  ];
  for (const id of fields) if (!FIELD_IDS.includes(id)) throw new Error(`no field ${id}`);
  let sink = 0;
  const lines = { read: 0, analysed: 0, skipped: 0, rejected: 0 };
  const onMapped =
    stage === 'map'
      ? () => undefined
      : stage === 'fields'
        ? (m) => {
            if (m.kind === 'traffic') for (const id of fields) sink += m.fields[id].length;
          }
        : stage === 'classify'
          ? (m) => {
              if (m.kind === 'traffic') sink += classifyRecord(m).bytes;
            }
          : countInto(createAggregator(DEFAULT_AGGREGATOR_OPTIONS), lines, options, {});
  const feeder =
    stage === 'read' ? null : createFeeder(file, options, createMapper(file, options), onMapped);
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const start = process.cpuUsage();
  for (let pos = 0; ;) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    pos += n;
    feeder?.push(buf.subarray(0, n));
  }
  feeder?.end();
  const spent = process.cpuUsage(start);
  if (sink < 0) console.error(sink);
  console.log(((spent.user + spent.system) / 1e6).toFixed(3));
}
