// PAN-OS 10.1-11.0 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: origin-docs.paloaltonetworks.com/pan-os/10-1/.../traffic-log-fields (prefix); jamesfed 10-1-Generator.ps1 (113, 2022-01); real 10.1 log with 115 field
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_10_1_TO_11_0 = {
  id: '10.1-11.0',
  since: '10.1',
  adds: [
    'subcategory_of_app',
    'category_of_app',
    'technology_of_app',
    'risk_of_app',
    'characteristic_of_app',
    'container_of_app',
    'tunneled_app',
    'is_saas_of_app',
    'sanctioned_state_of_app',
    'offloaded',
  ],
  samples: [
    {
      source: 'synthetic: gen-panlogs.mjs seed layout-samples, cut to 115 fields',
      line: '<14>Nov 23 02:15:25 fw02 1,2026/11/23 02:15:25,012801000222,TRAFFIC,end,2561,2026/11/23 02:15:25,10.10.53.67,185.199.202.226,198.51.100.11,0.0.0.0,allow-saas-apps,corp\\eharris5,,outlook-web-online,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Forward-to-SIEM,2026/11/23 02:15:25,723740,1,59092,443,12380,0,0x40005b,tcp,reset-server,20699,1186,19513,28,2026/11/23 02:15:25,0,computer-and-internet-info,0,7302000001,0x0,10.0.0.0-10.255.255.255,United States,0,8,20,threat,0,0,0,0,,fw02,from-application,,,0,,0,,N/A,0,0,0,0,9c3b79ba-77e0-47a7-aec5-1b5914e178fa,0,0,,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,fw02,2026-11-23T02:15:25.842+00:00,,,email,collaboration,browser-based,3,"able-to-transfer-file,has-known-vulnerability,pervasive-use,saas",ms-office365,untunneled,yes,yes,no',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'allow-saas-apps',
        action: 'reset-server',
        session_end_reason: 'threat',
        device_name: 'fw02',
      },
    },
    {
      source:
        'real: SEKOIA-IO/intake-formats traffic_with_resotimestamp.json (config version 2816, 117 fields, quoted list)',
      line: '1,2024/01/03 13:15:29,026701002040,TRAFFIC,end,2816,2024/01/03 13:15:29,1.2.3.4,5.6.7.8,0.0.0.0,0.0.0.0,MyRule,,,ssl,vsys1,Z_DMZ_PROXY,Z_INTERCO_WAN,ethernet1/22.301,ethernet1/3.104,Log Profile,2024/01/03 13:15:29,219781,1,60975,443,0,0,0x41c,tcp,allow,5773,758,5015,14,2024/01/03 13:15:14,0,not-resolved,,7312415129244589397,0x0,10.0.0.0-10.255.255.255,United States,,7,7,tcp-fin,0,0,0,0,,PA2314-CD,from-policy,,,0,,0,,N/A,0,0,0,0,0bbe5a53-f498-4cc2-a170-ced134f4824c,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,2024-01-03T13:15:30.547+01:00,,,encrypted-tunnel,networking,browser-based,4,"used-by-malware,able-to-transfer-file,has-known-vulnerability,tunnel-other-application,pervasive-use",,ssl,no,no,0,NonProxyTraffic,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'MyRule',
        action: 'allow',
        session_end_reason: 'tcp-fin',
        device_name: 'PA2314-CD',
      },
    },
  ],
} as const satisfies LayoutFile;
