// PAN-OS 9.0 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: docs.paloaltonetworks.com/pan-os/9-0/.../traffic-log-fields.html; jamesfed 9-0-Generator.ps1; layer-3-communications/pan-os-syslog Traffic.hs comment
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_9_0 = {
  id: '9.0',
  since: '9.0',
  adds: ['rule_uuid', 'http2_connection'],
  samples: [
    {
      source: 'real (anonymised): wazuh/wazuh paloalto.ini @3bf19121, deny subtype',
      line: 'May 00 00:00:00 XXX-XX-00 1,2020/00/00 00:00:00,00000000,TRAFFIC,deny,0000,2020/06/00 00:00:00,00.00.000.00,00.00.00.0,0.0.0.0,0.0.0.0,xxx-xxx_xxxx,,,xxx,xxxxx,xxxx,xxxx,xxxx.0,xxx.000,xxxxxxxx,2020/00/00 00:00:00,0000,1,0000,000,0,0,0x0,xxx,xxxx,000,000,00,0,2020/00/00 00:00:00,1,any,0,0000000,0x0,00.0.0.0-00.000.000.000,00.0.0.0-00.000.000.000,0,0,0,n/a,0,0,0,0,,xxx-xx-01,from-policy,,,0,,0,,N/A,0,0,0,0,00000-0000-00xx00-00xx-0x0x0x000xx,0',
      expect: {
        type: 'TRAFFIC',
        subtype: 'deny',
        rule: 'xxx-xxx_xxxx',
        action: 'xxxx',
        session_end_reason: 'n/a',
        device_name: 'xxx-xx-01',
      },
    },
  ],
} as const satisfies LayoutFile;
