// `npm run bench`: pan-ser against its peers, timed in one run on the same generated files.
// Generates TRAFFIC logs with ../shared/tools/gen-panlogs.mjs into bench/.work/ (reused when
// present), installs DuckDB into bench/.peers/ (never a project dependency), times each command
// several times as a child process, and writes medians, peak RSS and ratios to bench/RESULTS.md.
// Never part of `npm test`. Options: --runs N (default 5), --big (adds 10M rows), --rows N.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench/.work');
const PEERS = join(ROOT, 'bench/.peers');
const SHARED = process.env.PAN_SER_SHARED ?? resolve(ROOT, '../shared');
const GEN = join(SHARED, 'tools/gen-panlogs.mjs');
const SEED = '42';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const RUNS = Number(opt('--runs', '5'));
const BIG = args.includes('--big');
const ROWS = opt('--rows', null);
const sizes = ROWS ? [Number(ROWS)] : [100_000, 1_000_000, ...(BIG ? [10_000_000] : [])];

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function ensureFile(rows, format) {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, `traffic-${rows}-s${SEED}.${format === 'csv' ? 'csv' : 'log'}`);
  if (!existsSync(file)) {
    log(`generating ${relative(ROOT, file)} (${rows} rows)`);
    const tmp = `${file}.tmp`;
    const r = spawnSync(
      process.execPath,
      [GEN, '--rows', String(rows), '--format', format, '--seed', SEED, '--out', tmp],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error(`gen-panlogs failed for ${file}`);
    spawnSync('mv', [tmp, file]);
  }
  return file;
}

function ensureDuckDB() {
  const pkg = join(PEERS, 'node_modules/@duckdb/node-api/package.json');
  if (existsSync(pkg)) return JSON.parse(readFileSync(pkg, 'utf8')).version;
  mkdirSync(PEERS, { recursive: true });
  if (!existsSync(join(PEERS, 'package.json'))) {
    writeFileSync(join(PEERS, 'package.json'), '{"name":"pan-ser-bench-peers","private":true}\n');
  }
  log('installing @duckdb/node-api into bench/.peers');
  const r = spawnSync(
    'npm',
    ['install', '--prefix', PEERS, '--no-audit', '--no-fund', '@duckdb/node-api'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || !existsSync(pkg)) return null;
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/** Runs argv once; wall time from hrtime, peak RSS from /usr/bin/time (or the preload). */
function timeOnce(argv, { keepStdout = false } = {}) {
  return new Promise((done, fail) => {
    const rssOut = join(WORK, `rss-${process.pid}.txt`);
    rmSync(rssOut, { force: true });
    const env = { ...process.env, NO_COLOR: '1' };
    let cmd = argv;
    if (TIME) cmd = [TIME, '-f', 'PEAKRSS %M CPU %U %S', ...argv];
    else if (argv[0] === process.execPath) {
      env.NODE_OPTIONS = `--import ${pathToFileURL(join(ROOT, 'bench/rss-report.mjs')).href}`;
      env.PAN_SER_BENCH_RSS_OUT = rssOut;
    }
    const start = process.hrtime.bigint();
    const child = spawn(cmd[0], cmd.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (d) => {
      if (keepStdout) out.push(d);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0)
        return fail(new Error(`${argv.join(' ')} exited ${code}: ${err.slice(-500)}`));
      const m = /PEAKRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(err);
      const kb = m ? Number(m[1]) : existsSync(rssOut) ? Number(readFileSync(rssOut, 'utf8')) : NaN;
      // User + system CPU seconds of the process and its threads (NaN without /usr/bin/time).
      const cpu = m ? Number(m[2]) + Number(m[3]) : NaN;
      done({ wall, cpu, rssMB: kb / 1024, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function commands(file, format, duckdb) {
  const node = process.execPath;
  const list = [
    {
      id: 'pan-ser',
      label: 'pan-ser analyze --format json',
      argv: [node, join(ROOT, 'bin/pan-ser.js'), 'analyze', '--format', 'json', file],
    },
    {
      id: 'bare',
      label: 'Node bare read (1 MiB chunks)',
      argv: [node, join(ROOT, 'bench/bare-read.mjs'), file],
    },
    { id: 'cat', label: 'cat > /dev/null', argv: ['cat', file] },
  ];
  if (duckdb) {
    for (const t of [2, 1]) {
      list.push({
        id: `duckdb-${t}`,
        label: `DuckDB ${duckdb} read_csv + GROUP BY reason, action (${t} thread${t > 1 ? 's' : ''})`,
        argv: [node, join(ROOT, 'bench/duckdb-peer.mjs'), file, format, String(t)],
      });
    }
  }
  return list;
}

async function benchFile(rows, format, duckdb) {
  const file = ensureFile(rows, format);
  const bytes = statSync(file).size;
  // At 10M rows the point is memory staying flat: pan-ser and the floors only, one run.
  const huge = rows >= 10_000_000;
  const cmds = commands(file, format, huge ? null : duckdb);
  // Warm the page cache so every command reads from memory, as the first would not.
  await timeOnce(['cat', file]);
  const samples = new Map(cmds.map((c) => [c.id, []]));
  const runs = huge ? 1 : RUNS;
  let check = null;
  for (let r = 0; r < runs; r++) {
    // Round-robin, so background load on a shared machine hits every command alike.
    for (const c of cmds) {
      const s = await timeOnce(c.argv, { keepStdout: r === 0 && c.id !== 'cat' });
      samples.get(c.id).push(s);
      if (r === 0 && c.id === 'pan-ser')
        check = { ...check, panser: JSON.parse(s.stdout).totals.rows };
      if (r === 0 && c.id === 'duckdb-2') check = { ...check, duckdb: JSON.parse(s.stdout).total };
    }
    log(`${rows} ${format}: run ${r + 1}/${runs} done`);
  }
  const stats = cmds.map((c) => {
    const ss = samples.get(c.id);
    const wall = median(ss.map((s) => s.wall));
    return {
      ...c,
      wall,
      min: Math.min(...ss.map((s) => s.wall)),
      max: Math.max(...ss.map((s) => s.wall)),
      rssMB: Math.max(...ss.map((s) => s.rssMB)),
      cpu: median(ss.map((s) => s.cpu)),
      mbps: bytes / 1e6 / wall,
      rowsps: rows / wall,
    };
  });
  return { rows, format, file, bytes, runs, stats, check };
}

function machineLine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function report(results, meta) {
  const L = [];
  L.push('# pan-ser benchmark results', '');
  L.push('Generated by `npm run bench` (bench/run.mjs); do not edit by hand.', '');
  L.push(`- Command: \`${meta.command}\``);
  L.push(`- Machine: ${meta.machine}`);
  L.push(`- Load average (1/5/15 min) at start: ${meta.loadStart}; at end: ${meta.loadEnd}`);
  L.push(`- Date: ${meta.date}`);
  L.push(
    `- Inputs: gen-panlogs.mjs --seed ${SEED} (PAN-OS 10.x TRAFFIC), CSV export and BSD syslog`,
  );
  L.push(
    `- Each command is a child process, run ${RUNS} times round-robin (once at 10M rows, without DuckDB); wall time is the median, peak RSS the maximum over runs${TIME ? ' (/usr/bin/time)' : ' (process.resourceUsage, preloaded)'}. CPU s is the median of user + system seconds over all of a process's threads${TIME ? '' : ' (n/a without /usr/bin/time)'}: on a busy or noisy machine it moves less than wall time.`,
  );
  L.push('');
  const targets = [];
  for (const r of results) {
    L.push(
      `## ${r.rows.toLocaleString('en-US')} rows, ${r.format} (${fmt(r.bytes / 1e6, 0)} MB)`,
      '',
    );
    L.push('| command | median s | min s | max s | CPU s | MB/s | rows/s | peak RSS MB |');
    L.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const s of r.stats) {
      L.push(
        `| ${s.label} | ${fmt(s.wall)} | ${fmt(s.min)} | ${fmt(s.max)} | ${fmt(s.cpu)} | ${fmt(s.mbps, 0)} | ${Math.round(s.rowsps).toLocaleString('en-US')} | ${fmt(s.rssMB, 0)} |`,
      );
    }
    const by = Object.fromEntries(r.stats.map((s) => [s.id, s]));
    const p = by['pan-ser'];
    const ratios = [];
    if (by['duckdb-2'])
      ratios.push(['pan-ser / DuckDB 2 threads', p.wall / by['duckdb-2'].wall, 0.7]);
    if (by['duckdb-1'])
      ratios.push(['pan-ser / DuckDB 1 thread', p.wall / by['duckdb-1'].wall, null]);
    ratios.push(['pan-ser / Node bare read', p.wall / by.bare.wall, 3]);
    L.push('');
    for (const [name, v, max] of ratios) {
      const verdict =
        max === null ? '' : v <= max ? ` (target ≤ ${max}: met)` : ` (target ≤ ${max}: NOT met)`;
      L.push(`- ${name}: **${fmt(v)}**${verdict}`);
      if (max !== null && r.rows === 1_000_000) targets.push([`${name}, ${r.format}`, v, max]);
    }
    if (r.check) {
      L.push(
        `- Rows analysed: pan-ser ${r.check.panser ?? 'n/a'}, DuckDB ${r.check.duckdb ?? 'n/a'}`,
      );
    }
    L.push('');
  }
  const rss = (rows) =>
    Math.max(...results.filter((r) => r.rows === rows).map((r) => r.stats[0].rssMB));
  L.push('## Memory', '');
  for (const rows of sizes)
    L.push(`- pan-ser peak RSS at ${rows.toLocaleString('en-US')} rows: ${fmt(rss(rows), 0)} MB`);
  if (sizes.includes(1_000_000)) {
    L.push(`- Target ≤ 150 MB at 1M rows: ${rss(1_000_000) <= 150 ? 'met' : 'NOT met'}`);
  }
  if (sizes.includes(10_000_000) && sizes.includes(1_000_000)) {
    const g = rss(10_000_000) / rss(1_000_000) - 1;
    L.push(
      `- 10M vs 1M rows: ${g >= 0 ? '+' : ''}${fmt(100 * g, 1)}% (target within 10%: ${Math.abs(g) <= 0.1 ? 'met' : 'NOT met'})`,
    );
  }
  L.push('');
  return L.join('\n');
}

const loadStart = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' / ');
const duckdb = ensureDuckDB();
if (!duckdb) log('DuckDB could not be installed; its rows are left out');
spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
const results = [];
for (const rows of sizes) {
  for (const format of ['csv', 'syslog']) results.push(await benchFile(rows, format, duckdb));
}
const md = report(results, {
  command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  machine: machineLine(),
  loadStart,
  loadEnd: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / '),
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
});
writeFileSync(join(ROOT, 'bench/RESULTS.md'), md);
process.stdout.write(md);
