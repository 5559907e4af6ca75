// PAN-OS 7.x TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: PaloAltoNetworks/Splunk_TA_paloalto default/transforms.conf @ 40230f7 "Support for PAN-OS 7.0" (54 fields); corroborated by a Ruby regex labelled "PAN
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_7_X = {
  id: '7.x',
  since: '7.0',
  adds: [
    'dg_hier_level_1',
    'dg_hier_level_2',
    'dg_hier_level_3',
    'dg_hier_level_4',
    'vsys_name',
    'device_name',
    'action_source',
  ],
  samples: [
    {
      source:
        'derived: criblpacks/cribl-palo-alto-networks pan_traffic.log (8.1) cut to the 7.x length',
      line: '<14>Sep 20 13:03:57 PA-VM 1,2018/09/20 13:03:57,44A1B3FC68F5304,TRAFFIC,end,2049,2018/09/20 13:03:57,34.216.163.39,10.0.0.102,34.216.163.39,10.0.2.65,splunk,,,incomplete,vsys1,untrusted,trusted,ethernet1/3,ethernet1/2,log-forwarding-default,2018/09/20 13:03:57,574324,1,42210,8088,42210,8088,0x400064,tcp,allow,296,296,0,4,2018/09/20 13:03:44,7,any,0,730276,0x0,United States,10.0.0.0-10.255.255.255,0,4,0,aged-out,0,0,0,0,,PA-VM,from-policy',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'splunk',
        action: 'allow',
        session_end_reason: 'aged-out',
        device_name: 'PA-VM',
      },
    },
  ],
} as const satisfies LayoutFile;
