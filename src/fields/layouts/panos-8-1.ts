// PAN-OS 8.1 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: docs.paloaltonetworks.com/pan-os/8-1/.../traffic-log-fields; jamesfed/PANOSGraylogExtractorGenerator 8-1-Generator.ps1; Graylog2/graylog-plugin-integr
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_8_1 = {
  id: '8.1',
  since: '8.1',
  adds: ['assoc_id', 'chunks', 'chunks_sent', 'chunks_received'],
  samples: [
    {
      source: 'real: criblpacks/cribl-palo-alto-networks data/samples/Gq5Bjl.json (BSD header)',
      line: '<14>Sep 20 13:03:58 PA-VM 1,2018/09/20 13:03:58,44A1B3FC68F5304,TRAFFIC,end,2049,2018/09/20 13:03:58,34.217.108.226,10.0.0.102,34.217.108.226,10.0.2.65,splunk,,,incomplete,vsys1,untrusted,trusted,ethernet1/3,ethernet1/2,log-forwarding-default,2018/09/20 13:03:58,574326,1,53722,8088,53722,8088,0x400064,tcp,allow,296,296,0,4,2018/09/20 13:03:45,7,any,0,730277,0x0,United States,10.0.0.0-10.255.255.255,0,4,0,aged-out,0,0,0,0,,PA-VM,from-policy,,,0,,0,,N/A,0,0,0,0',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'splunk',
        action: 'allow',
        session_end_reason: 'aged-out',
        device_name: 'PA-VM',
      },
    },
    {
      source: 'real: SEKOIA-IO/intake-formats udp_deny_csv.json (spreadsheet-style dates)',
      line: '<14>Sep 16 10:00:00 PA 1,9/16/19 10:00,1801017000,TRAFFIC,deny,2049,9/16/19 10:00,10.0.0.2,1.2.3.4,5.4.4.3,5.4.3.2,DENYALL,,,protection,vsys1,DNS,AAAAA,ae2.503,ethernet1/1,Secure,9/16/19 10:00,11111,1,130000,53,6379,53,0x400000,udp,reset-both,284,284,0,1,9/16/19 10:00,0,any,0,50660381851,0x0,10.0.0.0-10.255.255.255,Spain,0,1,0,policy-deny,0,0,0,0,,PA-1,from-application,,,0,,0,,N/A,0,0,0,0',
      expect: {
        type: 'TRAFFIC',
        subtype: 'deny',
        rule: 'DENYALL',
        action: 'reset-both',
        session_end_reason: 'policy-deny',
        device_name: 'PA-1',
      },
    },
  ],
} as const satisfies LayoutFile;
