// The Action values of a TRAFFIC log (what the firewall did with the session) and the spelled
// variants seen in docs and logs. Facts: PAN-OS traffic log field docs, "Action" row; Strata
// examples for drop-reset (see ../shared/formats/panos-traffic-format.md §7.2). Wording is ours.

import { memoize } from './memo.js';

export interface ActionInfo {
  readonly blocks: boolean;
  readonly meaning: string;
}

export const ACTIONS = {
  allow: { blocks: false, meaning: 'allowed by the matching rule' },
  deny: { blocks: true, meaning: 'blocked by policy (the rule or app default deny)' },
  drop: { blocks: true, meaning: 'silently discarded' },
  'drop-icmp': {
    blocks: true,
    meaning: 'silently discarded, with an ICMP unreachable sent back',
  },
  'reset-client': { blocks: true, meaning: 'ended with a TCP reset sent to the client' },
  'reset-server': { blocks: true, meaning: 'ended with a TCP reset sent to the server' },
  'reset-both': { blocks: true, meaning: 'ended with TCP resets sent to both sides' },
  'drop-reset': {
    blocks: true,
    meaning: 'dropped with a reset (seen in Strata Logging Service logs, not in PAN-OS docs)',
  },
} as const satisfies Record<string, ActionInfo>;

export type ActionKey = keyof typeof ACTIONS;

export const ACTION_KEYS = Object.keys(ACTIONS) as readonly ActionKey[];

const ACTION_BY_NAME = new Map<string, ActionKey>(ACTION_KEYS.map((k) => [k, k]));

/**
 * Maps `reset both`, `Drop ICMP`, `RESET_BOTH` … to a known action key (the table's own
 * string), or null. Memoised: called once per log line.
 */
export const normalizeAction: (raw: string) => ActionKey | null = memoize(
  (raw) =>
    ACTION_BY_NAME.get(
      raw
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-'),
    ) ?? null,
);
