// PAN-OS 11.1+ TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: enotspe/palos 11.1+/Traffic_format.csv and Traffic_fields.csv @ 4a74a17 (scrape of docs.paloaltonetworks.com/ngfw/administration/.../traffic-log-field
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_11_1_PLUS = {
  id: '11.1+',
  since: '11.1',
  adds: ['flow_type', 'cluster_name', 'ai_traffic', 'ai_fwd_error', 'k8s_cluster_id'],
  samples: [
    {
      source:
        'synthetic: gen-panlogs.mjs seed layout-samples, config version set to 2817 (11.1), padded to 120 fields',
      line: '<14>Nov 23 02:15:25 fw02 1,2026/11/23 02:15:25,012801000222,TRAFFIC,end,2817,2026/11/23 02:15:25,10.10.53.67,185.199.202.226,198.51.100.11,0.0.0.0,allow-saas-apps,corp\\eharris5,,outlook-web-online,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Forward-to-SIEM,2026/11/23 02:15:25,723740,1,59092,443,12380,0,0x40005b,tcp,reset-server,20699,1186,19513,28,2026/11/23 02:15:25,0,computer-and-internet-info,0,7302000001,0x0,10.0.0.0-10.255.255.255,United States,0,8,20,threat,0,0,0,0,,fw02,from-application,,,0,,0,,N/A,0,0,0,0,9c3b79ba-77e0-47a7-aec5-1b5914e178fa,0,0,,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,fw02,2026-11-23T02:15:25.842+00:00,,,email,collaboration,browser-based,3,"able-to-transfer-file,has-known-vulnerability,pervasive-use,saas",ms-office365,untunneled,yes,yes,no,NonProxyTraffic,,,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'allow-saas-apps',
        action: 'reset-server',
        session_end_reason: 'threat',
        device_name: 'fw02',
      },
    },
  ],
} as const satisfies LayoutFile;
