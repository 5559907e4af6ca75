import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_IDS } from '../../src/fields/field-ids.js';
import { KNOWN_RELEASES, layoutForRelease, pickLayout } from '../../src/fields/layout-pick.js';
import { LAYOUTS, VARIANT_LAYOUTS } from '../../src/fields/layouts/index.js';
import { createMapper } from '../../src/fields/map.js';
import { SHARED } from '../helpers/io.js';
import { TEST_PARSER } from '../helpers/io.js';

describe('layout data files', () => {
  it('are append-only: each layout is a prefix of the next', () => {
    for (let i = 1; i < LAYOUTS.length; i++) {
      const prev = LAYOUTS[i - 1]?.fields ?? [];
      const cur = LAYOUTS[i]?.fields ?? [];
      expect(cur.length).toBeGreaterThan(prev.length);
      expect(cur.slice(0, prev.length)).toEqual(prev);
    }
  });

  it('match the field counts of the format facts (../shared/formats/panos-fields.json)', () => {
    const facts = JSON.parse(readFileSync(join(SHARED, 'formats/panos-fields.json'), 'utf8')) as {
      syslogFieldCounts: Record<string, number>;
    };
    const release: Record<string, string> = { '7.x': '7.1', '10.1-11.0': '10.1', '11.1+': '11.1' };
    for (const l of LAYOUTS) {
      expect(l.fields.length, l.id).toBe(facts.syslogFieldCounts[release[l.id] ?? l.id]);
      expect(new Set(l.fields).size, `${l.id}: a field listed twice`).toBe(l.fields.length);
    }
  });

  it('place every core field at the same index in every release', () => {
    for (const l of LAYOUTS) {
      expect(l.fields.indexOf('action')).toBe(30);
      expect(l.fields.indexOf('flags')).toBe(28);
      expect(l.fields.indexOf('session_end_reason')).toBe(46);
    }
  });

  it('name only known field ids for the fields pan-ser reads', () => {
    const newest = LAYOUTS[LAYOUTS.length - 1]?.fields ?? [];
    for (const id of FIELD_IDS) expect(newest, id).toContain(id);
  });

  for (const layout of [...LAYOUTS, ...VARIANT_LAYOUTS]) {
    for (const sample of layout.samples) {
      it(`${layout.id}: maps its sample (${sample.source})`, () => {
        const m = createMapper('sample.log', { parser: TEST_PARSER, inputFormat: 'auto' }).map(
          sample.line,
          1,
        );
        expect(m.kind).toBe('traffic');
        if (m.kind !== 'traffic') return;
        expect(m.layout).toBe(layout.id);
        for (const [id, want] of Object.entries(sample.expect)) {
          expect(m.fields[id as keyof typeof m.fields], id).toBe(want);
        }
      });
    }
  }
});

describe('pickLayout', () => {
  it('uses the field count when the config version says nothing', () => {
    expect(pickLayout(47, '')?.layout.id).toBe('6.1');
    expect(pickLayout(60, '0')?.layout.id).toBe('7.x');
    expect(pickLayout(75, '')?.layout.id).toBe('9.1');
    expect(pickLayout(117, '')?.layout.id).toBe('10.1-11.0');
    expect(pickLayout(130, '')?.layout.id).toBe('11.1+');
    expect(pickLayout(46, '')).toBeNull();
  });
  it('prefers the config version hint when the line is long enough for it', () => {
    expect(pickLayout(117, '2049')?.layout.id).toBe('8.1');
    expect(pickLayout(105, '9.1')?.layout.id).toBe('9.1');
    expect(pickLayout(65, '2305')?.layout.id).toBe('8.1');
  });
  it('maps --panos-version releases to layouts', () => {
    expect(layoutForRelease('10.2')?.layout.id).toBe('10.1-11.0');
    expect(layoutForRelease('7.1')?.layout.id).toBe('7.x');
    expect(layoutForRelease('12.1')?.layout.id).toBe('11.1+');
    expect(layoutForRelease('5.0')).toBeNull();
    expect(layoutForRelease('nine')).toBeNull();
  });
  it('takes every layout label that reports and the --panos-version hint print (7.x; found by the audit)', () => {
    for (const id of KNOWN_RELEASES) expect(layoutForRelease(id)?.layout.id).toBe(id);
  });
});
