// Every known TRAFFIC syslog layout, oldest first. Adding a PAN-OS release = one data file here
// plus its line in this list; detection and mapping need no other change.
import type { Layout, LayoutFile, VariantFile } from './layout.js';
import { PANOS_6_1 } from './panos-6-1.js';
import { PANOS_7_X } from './panos-7-x.js';
import { PANOS_8_0 } from './panos-8-0.js';
import { PANOS_8_1 } from './panos-8-1.js';
import { PANOS_9_0 } from './panos-9-0.js';
import { PANOS_9_1 } from './panos-9-1.js';
import { PANOS_10_0 } from './panos-10-0.js';
import { PANOS_10_1_TO_11_0 } from './panos-10-1-11-0.js';
import { PANOS_11_1_PLUS } from './panos-11-1-plus.js';
import { PRISMA_10_0 } from './prisma-10-0.js';

export type { Layout, LayoutSample } from './layout.js';

/** Release files, oldest first: each appends to the one before. */
const RELEASES: readonly LayoutFile[] = [
  PANOS_6_1,
  PANOS_7_X,
  PANOS_8_0,
  PANOS_8_1,
  PANOS_9_0,
  PANOS_9_1,
  PANOS_10_0,
  PANOS_10_1_TO_11_0,
  PANOS_11_1_PLUS,
];

/** Variants that leave fields out of a release layout (not part of the append-only chain). */
const VARIANTS: readonly VariantFile[] = [PRISMA_10_0];

function chain(files: readonly LayoutFile[]): Layout[] {
  let fields: readonly string[] = [];
  return files.map(({ id, since, adds, samples }) => {
    fields = [...fields, ...adds];
    return { id, since, fields, samples };
  });
}

/** Every release layout with its full positional field list, oldest first. */
export const LAYOUTS: readonly Layout[] = chain(RELEASES);

/** Variant layouts, resolved against the release layout they derive from. */
export const VARIANT_LAYOUTS: readonly Layout[] = VARIANTS.map(
  ({ id, since, base, drop, samples }) => {
    const from = LAYOUTS.find((l) => l.id === base);
    if (!from) throw new Error(`layout ${id}: unknown base layout ${base}`);
    return { id, since, fields: from.fields.filter((f) => !drop.includes(f)), samples };
  },
);
