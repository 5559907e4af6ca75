// PAN-OS 9.1 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: docs.paloaltonetworks.com/pan-os/9-1/.../traffic-log-fields; Graylog2/graylog-plugin-integrations PaloAlto9xTemplates.java @ b5d39945
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_9_1 = {
  id: '9.1',
  since: '9.1',
  adds: [
    'link_change_count',
    'policy_id',
    'link_switches',
    'sdwan_cluster',
    'sdwan_device_type',
    'sdwan_cluster_type',
    'sdwan_site',
    'dynusergroup_name',
  ],
  samples: [
    {
      source: 'real: elastic/beats pan_inc_traffic_ietf.log (RFC 6587 + RFC 5424)',
      line: '535 <14>1 2020-03-27T09:57:41+01:00 PA-VM - - - - 1,2020/03/27 09:57:41,015351000043722,TRAFFIC,end,2305,2020/03/27 09:57:41,192.168.2.4,0.0.0.0,0.0.0.0,0.0.0.0,Internet Access,,,ssl,vsys1,Clients,External,ethernet1/3,ethernet1/1,Default,2020/03/27 09:57:41,7603,1,32801,514,57533,514,0x500070,tcp,allow,905,633,272,9,2020/03/27 09:57:27,0,any,0,2825918,0x0,192.168.0.0-192.168.255.255,Germany,0,5,4,tcp-fin,0,0,0,0,,PA-VM,from-policy,,,0,,0,,N/A,0,0,0,0,d0422b3b-8522-4916-8b97-524c32780f90,0,0,,,,,,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'Internet Access',
        action: 'allow',
        session_end_reason: 'tcp-fin',
        device_name: 'PA-VM',
      },
    },
    {
      source: 'real: elastic/beats pan_inc_traffic_ietf.log, a start log',
      line: '521 <14>1 2020-03-27T09:57:41+01:00 PA-VM - - - - 1,2020/03/27 09:57:41,015351000043722,TRAFFIC,start,2305,2020/03/27 09:57:41,192.168.2.4,8.8.8.8,0.0.0.0,8.8.8.8,Internet Access,,,dns,vsys1,Clients,External,ethernet1/3,ethernet1/1,Default,2020/03/27 09:57:41,1615,1,33101,53,61714,53,0x400000,udp,allow,98,98,0,1,2020/03/27 09:57:42,0,any,0,2825925,0x0,192.168.0.0-192.168.255.255,United States,0,1,0,n/a,0,0,0,0,,PA-VM,from-policy,,,0,,0,,N/A,0,0,0,0,d0422b3b-8522-4916-8b97-524c32780f90,0,0,,,,,,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'start',
        rule: 'Internet Access',
        action: 'allow',
        session_end_reason: 'n/a',
        device_name: 'PA-VM',
      },
    },
    {
      source:
        'real: elastic/beats traffic_nanos_time.log (Cortex Data Lake, ISO times; config version "9.1" with 105 fields: the hint wins)',
      line: 'Oct 30 09:46:42 1,2021-05-26T16:27:07.000000Z,no-serial,TRAFFIC,end,9.1,2021-05-26T16:26:47.000000Z,127.0.0.0,127.0.0.1,0.0.0.0,0.0.0.0,intrazone-default,,,web-browsing,vsys1,untrust,untrust,ethernet1/1,ethernet1/1,Cortex Data Lake,,688290,1,35834,443,35834,20077,0x1400070,tcp,allow,7291,1696,5595,21,2021-05-26T16:26:30.000000Z,1,medium-risk,,620386,0x8800000000000000,US,SG,,14,7,tcp-fin,22,18,0,0,,GP cloud service,from-policy,,,0,,0,1970-01-01T00:00:00.000000Z,N/A,0,0,0,0,6a2f6161-88f2-4afc-8dd5-256bc4505a64,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'end',
        rule: 'intrazone-default',
        action: 'allow',
        session_end_reason: 'tcp-fin',
        device_name: 'GP cloud service',
      },
    },
  ],
} as const satisfies LayoutFile;
