// PAN-OS 10.0 TRAFFIC syslog layout: the fields this release appends to the previous
// one (index 0 of the whole list is the leading FUTURE_USE field). Source: jamesfed 10-0-Generator.ps1 (doc strings, 2020-09); Graylog2/graylog-plugin-integrations PaloAlto9xTemplates.java @ c950eecd
// Facts only; the sample lines are copied from the public samples named beside them.
import type { LayoutFile } from './layout.js';

export const PANOS_10_0 = {
  id: '10.0',
  since: '10.0',
  adds: [
    'xff_ip',
    'src_category',
    'src_profile',
    'src_model',
    'src_vendor',
    'src_osfamily',
    'src_osversion',
    'src_host',
    'src_mac',
    'dst_category',
    'dst_profile',
    'dst_model',
    'dst_vendor',
    'dst_osfamily',
    'dst_osversion',
    'dst_host',
    'dst_mac',
    'container_id',
    'pod_namespace',
    'pod_name',
    'src_edl',
    'dst_edl',
    'hostid',
    'serialnumber',
    'src_dag',
    'dst_dag',
    'session_owner',
    'high_res_timestamp',
    'nssai_sst',
    'nssai_sd',
  ],
  samples: [
    {
      source: 'real: wazuh/wazuh paloalto.ini @3bf19121 (Panorama, leading 0, subtype N/A)',
      line: '0,2021/07/15 11:58:58,1321564321,TRAFFIC,N/A,0,2021/07/15 11:59:02,10.210.0.84,51.11.168.232,,,DENY-ALL,,,not-applicable,vsys1,INSPECTION,INSPECTION,ethernet1/1,,AWS-PANORAMA,2021/07/15 11:59:02,0,1,500,500,0,0,0x0,udp,deny,0,0,0,1,2021/07/15 11:59:02,0,any,0,91501273,0x8000000000000000,10.0.0.0-10.255.255.255,YYYYYYYYYYYY,0,1,0,policy-deny,150,42,25,260,,P1A-GWLB-CORE-FW01,from-policy,,,0,,0,,N/A,0,0,0,0,49543e97-7c8c-44a3-bbd9-031caeb1a65e,0,0,,,,,,,,0.0.0.0,,,,,,,,,,,,,,,,,,,,,,,,,,,2021-07-15T11:59:03.547+01:00,,',
      expect: {
        type: 'TRAFFIC',
        subtype: 'N/A',
        rule: 'DENY-ALL',
        action: 'deny',
        session_end_reason: 'policy-deny',
        device_name: 'P1A-GWLB-CORE-FW01',
      },
    },
  ],
} as const satisfies LayoutFile;
