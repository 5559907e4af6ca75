// Reads a saved `pan-ser analyze --format json` report for `pan-ser diff`, recognised by content
// (a JSON object with tool "pan-ser"), so either side of a diff may be a log or a report. Returns
// null for anything else; refuses a report of another schema version, and one that is cut off
// or lacks the tables a diff reads (rather than read it as a log of 0 sessions).
import { open, readFile } from 'node:fs/promises';
import type { Summary } from '../aggregate/summary.js';
import { SCHEMA_VERSION } from '../aggregate/summary.js';
import { PanSerError } from '../errors.js';

/** The parts of a Summary that `diff` reads. */
const REPORT_TABLES = [
  'totals',
  'reasons',
  'groups',
  'findings',
] as const satisfies readonly (keyof Summary)[];

export async function readSavedReport(name: string): Promise<Summary | null> {
  if (name === '-') return null;
  let head: string;
  try {
    const fh = await open(name, 'r');
    try {
      const buf = Buffer.alloc(64);
      const { bytesRead } = await fh.read(buf, 0, 64, 0);
      head = buf.subarray(0, bytesRead).toString('utf8').trimStart();
    } finally {
      await fh.close();
    }
  } catch {
    return null; // the analysis path names the problem with the file
  }
  if (!head.startsWith('{')) return null;
  // The report writer puts these first: a file that starts so is meant as a report.
  const claims = /^\{\s*"tool"\s*:\s*"pan-ser"/.test(head);
  const refuse = (what: string): PanSerError =>
    new PanSerError('INPUT_UNREADABLE', `a damaged pan-ser report: ${what}`, {
      file: name,
      hint: 'save the report again with pan-ser analyze --format json -o FILE, or diff the logs themselves',
    });
  let data: unknown;
  try {
    data = JSON.parse(await readFile(name, 'utf8'));
  } catch {
    if (claims) throw refuse('its JSON does not parse (cut off or edited)');
    return null;
  }
  const o = (data ?? {}) as Record<string, unknown>;
  if (o.tool !== 'pan-ser') return null;
  if (typeof o.schemaVersion !== 'number') throw refuse('it has no schemaVersion');
  if (o.schemaVersion !== SCHEMA_VERSION) {
    throw new PanSerError(
      'INPUT_UNREADABLE',
      `a pan-ser report of schema ${o.schemaVersion}, not ${SCHEMA_VERSION}`,
      {
        file: name,
        hint: 'run the analysis again with this pan-ser, or diff the logs themselves',
      },
    );
  }
  const missing = REPORT_TABLES.filter((k) => typeof o[k] !== 'object' || o[k] === null);
  if (missing.length > 0) throw refuse(`it has no ${missing.join(', ')}`);
  if (!Array.isArray(o.reasons) || !Array.isArray(o.findings)) {
    throw refuse('its reasons or findings are not lists');
  }
  const bad = malformed(o);
  if (bad !== null) throw refuse(bad);
  return data as Summary;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** Every element is an object with a string `key` and a count `sessions`. */
const rowsOk = (v: unknown, key: string): boolean =>
  Array.isArray(v) &&
  v.every((r) => isObject(r) && typeof r[key] === 'string' && isCount(r.sessions));

/** What `diff` would trip over in the tables it reads, or null when they have its shape. */
function malformed(o: Record<string, unknown>): string | null {
  if (o.weight !== 'rows' && o.weight !== 'repeat') return 'its weight is not rows or repeat';
  if (!isObject(o.totals) || !isCount(o.totals.sessions)) return 'its totals have no session count';
  if (!rowsOk(o.reasons, 'reason')) return 'a reason row lacks its name or session count';
  if (!rowsOk(o.findings, 'id')) return 'a finding lacks its id or session count';
  const groups = o.groups;
  for (const dimension of ['rule', 'app'] as const) {
    const byReason = isObject(groups) ? groups[dimension] : undefined;
    if (!isObject(byReason) || !Object.values(byReason).every((rows) => rowsOk(rows, 'value')))
      return `its ${dimension} tables are missing or malformed`;
  }
  return null;
}
