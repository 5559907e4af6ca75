// Reads a saved `pan-ser analyze --format json` report for `pan-ser diff`, recognised by content
// (a JSON object with tool "pan-ser" and a schemaVersion), so either side of a diff may be a log
// or a report. Returns null for anything else; refuses a report of another schema version.
import { open, readFile } from 'node:fs/promises';
import type { Summary } from '../aggregate/summary.js';
import { SCHEMA_VERSION } from '../aggregate/summary.js';
import { PanSerError } from '../errors.js';

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
  let data: unknown;
  try {
    data = JSON.parse(await readFile(name, 'utf8'));
  } catch {
    return null;
  }
  const o = data as { tool?: unknown; schemaVersion?: unknown; reasons?: unknown };
  if (o.tool !== 'pan-ser' || typeof o.schemaVersion !== 'number' || !Array.isArray(o.reasons))
    return null;
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
  return data as Summary;
}
