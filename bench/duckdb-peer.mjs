// Peer for the benchmark: DuckDB (@duckdb/node-api, installed in bench/.peers, never a project
// dependency) reads one log file and counts rows per Session End Reason and Action, the core of
// what `pan-ser analyze` reports. Usage: node bench/duckdb-peer.mjs FILE csv|syslog THREADS
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, kind, threads] = process.argv.slice(2);
const require = createRequire(fileURLToPath(new URL('./.peers/package.json', import.meta.url)));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const path = file.replaceAll("'", "''");
// The syslog file is CSV without a header: the BSD header lands in column 0, the end reason in
// column 47 (index 46) and the action in column 31 (index 30), as for pan-ser's 10.x layout.
const source =
  kind === 'csv'
    ? `read_csv('${path}', header = true, all_varchar = true, null_padding = true)`
    : `read_csv('${path}', header = false, all_varchar = true, null_padding = true)`;
const cols = (await (await con.run(`DESCRIBE SELECT * FROM ${source}`)).getRows()).map((r) => r[0]);
const reason = kind === 'csv' ? 'Session End Reason' : cols[46];
const action = kind === 'csv' ? 'Action' : cols[30];
const q = `SELECT "${reason}" AS reason, "${action}" AS action, count(*) AS n
  FROM ${source} GROUP BY ALL ORDER BY n DESC`;
const rows = (await (await con.run(q)).getRows()).map(([r, a, n]) => [r, a, Number(n)]);
const total = rows.reduce((s, r) => s + r[2], 0);
process.stdout.write(`${JSON.stringify({ total, groups: rows.length, top: rows.slice(0, 3) })}\n`);
