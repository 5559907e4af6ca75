// Prisma Access / Strata Logging Service CSV variant of the TRAFFIC log (PAN-OS 10.x): the
// payload starts at the receive time (no leading FUTURE_USE field) and leaves out Time Logged,
// Flags and the three padding/action-flag fields, so every later field moves up. Derived from
// the 10.0 layout and checked against a public sample (layer-3-communications/pan-os-syslog
// common/Sample.hs traffic_prisma_A). Chosen when field 3 (0-based 2) holds the log type.
import type { VariantFile } from './layout.js';

export const PRISMA_10_0 = {
  id: 'prisma-10.0',
  since: '10.0',
  base: '10.0',
  drop: ['domain', 'time_logged', 'flags', 'padding', 'actionflags', 'cpadding'],
  samples: [
    {
      source:
        'real (anonymised): layer-3-communications/pan-os-syslog common/Sample.hs traffic_prisma_A',
      line: '<14>1 2021-10-27T19:21:00.034Z stream-logfwd20-548106107-12876850-z5tm-harness-44k2 logforwarder - panwlogs - 2021-10-27T19:20:59.000000Z,no-serial,TRAFFIC,end,10.0,2021-10-27T19:20:40.000000Z,192.0.2.12,192.0.2.18,192.0.2.112,192.0.2.118,INSIDE-TO-OUTSIDE,,,web-browsing,vsys1,Zone-One,Zone-Two,tunnel.101,ethernet1/1,Send-The-Logs,170172,1,42493,80,46254,80,tcp,allow,892,818,74,12,2021-10-27T19:19:08.000000Z,1,low-risk,9091497,10.0.0.0-10.255.255.255,JP,11,1,threat,28,31,0,0,,The-Device-Name,from-policy,,,0,,0,1970-01-01T00:00:00.000000Z,N/A,0,0,0,0,89092ab0-606f-4c5a-b44c-c271420f3972,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,2021-10-27T19:20:41.652000Z,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'INSIDE-TO-OUTSIDE',
        action: 'allow',
        session_end_reason: 'threat',
        device_name: 'The-Device-Name',
      },
    },
  ],
} as const satisfies VariantFile;
