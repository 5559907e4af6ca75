// PAN-OS 8.0 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: docs.paloaltonetworks.com/pan-os/8-0/pan-os-admin/monitoring/use-syslog-for-monitoring/syslog-field-descriptions/traffic-log-fields; Splunk_TA_paloalt
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_8_0 = {
  id: '8.0',
  since: '8.0',
  adds: [
    'src_uuid',
    'dst_uuid',
    'tunnelid',
    'monitortag',
    'parent_session_id',
    'parent_start_time',
    'tunnel',
  ],
  samples: [
    {
      source:
        'derived: criblpacks/cribl-palo-alto-networks pan_traffic.log (8.1) cut to the 8.0 length',
      line: '<14>Sep 20 13:03:52 PA-VM 1,2018/09/20 13:03:52,44A1B3FC68F5304,TRAFFIC,end,2049,2018/09/20 13:03:52,34.216.111.74,10.0.0.102,34.216.111.74,10.0.2.65,splunk,,,incomplete,vsys1,untrusted,trusted,ethernet1/3,ethernet1/2,log-forwarding-default,2018/09/20 13:03:52,574327,1,52668,8088,52668,8088,0x400064,tcp,allow,74,74,0,1,2018/09/20 13:03:46,0,any,0,730274,0x0,United States,10.0.0.0-10.255.255.255,0,1,0,aged-out,0,0,0,0,,PA-VM,from-policy,,,0,,0,,N/A',
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
