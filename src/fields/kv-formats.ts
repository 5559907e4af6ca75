// Key names of the TRAFFIC fields in the key=value formats (LEEF, CEF, Strata JSON), per format,
// in priority order. Facts: panos-traffic-format.md §8 and panos-fields.json otherFormats
// (PAN-OS CEF/LEEF templates, Strata Logging Service field tables), and the public samples.
// CEF's second names (rule, sz, dz, sid, tbytes, …) are a short custom CEF template shown as
// the PAN-OS CEF sample in Google SecOps' Palo Alto Networks firewall parser docs.
// Values of header slots and flag booleans are read in fields/kv-map.ts.
import type { FieldId } from './field-ids.js';
import type { KvFormat } from '../input/kv.js';

type KeyTable = Partial<Record<FieldId, readonly string[]>>;

const STRATA_JSON: KeyTable = {
  receive_time: ['TimeReceived'],
  serial: ['DeviceSN'],
  type: ['LogType'],
  subtype: ['Subtype', 'SubType'],
  config_ver: ['ConfigVersion'],
  time_generated: ['TimeGenerated'],
  src: ['SourceAddress'],
  dst: ['DestinationAddress'],
  natsrc: ['NATSource'],
  natdst: ['NATDestination'],
  rule: ['Rule'],
  srcuser: ['SourceUser'],
  dstuser: ['DestinationUser'],
  app: ['Application'],
  vsys: ['VirtualLocation'],
  from: ['FromZone'],
  to: ['ToZone'],
  inbound_if: ['InboundInterface'],
  outbound_if: ['OutboundInterface'],
  sessionid: ['SessionID'],
  repeatcnt: ['RepeatCount'],
  sport: ['SourcePort'],
  dport: ['DestinationPort'],
  flags: ['Flags'],
  proto: ['Protocol'],
  action: ['Action'],
  bytes: ['Bytes'],
  bytes_sent: ['BytesSent'],
  bytes_received: ['BytesReceived'],
  packets: ['PacketsTotal'],
  start: ['SessionStartTime'],
  elapsed: ['SessionDuration'],
  category: ['URLCategory'],
  srcloc: ['SourceLocation'],
  dstloc: ['DestinationLocation'],
  pkts_sent: ['PacketsSent'],
  pkts_received: ['PacketsReceived'],
  session_end_reason: ['SessionEndReason'],
  vsys_name: ['VirtualSystemName'],
  device_name: ['DeviceName'],
  action_source: ['ActionSource'],
  rule_uuid: ['RuleUUID'],
};

// LEEF: the PAN-OS firewall's QRadar template names first ([WZ] 11.1.6 samples, §8.2), then the
// names Strata Logging Service's LEEF uses for the same fields where they differ: the example
// Traffic line of [STRATA-LEEF] (docs.paloaltonetworks.com …/network-traffic-leef-fields) has
// VirtualLocation, FromZone/ToZone, InboundInterface/OutboundInterface, Bytes, SessionStartTime,
// SessionDuration and VirtualSystemName. PAN-OS LEEF templates with these names circulate too
// (DNIF's Palo Alto integration guide, 2025: Bytes=$bytes|SessionStartTime=$start|
// SessionDuration=$elapsed|FromZone=$from|…), and an 11.1.6 firewall writes VirtualLocation and
// VirtualSystemName in its other LEEF log types ([WZ] IPTAG, USERID lines).
const LEEF: KeyTable = {
  receive_time: ['TimeReceived', 'ReceiveTime'],
  serial: ['SerialNumber', 'DeviceSN'],
  type: ['cat'],
  subtype: ['Subtype', 'SubType'],
  config_ver: ['ConfigVersion'],
  time_generated: ['devTime'],
  src: ['src'],
  dst: ['dst'],
  natsrc: ['srcPostNAT'],
  natdst: ['dstPostNAT'],
  rule: ['RuleName', 'Rule'],
  srcuser: ['usrName', 'SourceUser'],
  dstuser: ['DestinationUser'],
  app: ['Application'],
  vsys: ['VirtualSystem', 'VirtualLocation'],
  from: ['SourceZone', 'FromZone'],
  to: ['DestinationZone', 'ToZone'],
  inbound_if: ['IngressInterface', 'InboundInterface'],
  outbound_if: ['EgressInterface', 'OutboundInterface'],
  sessionid: ['SessionID'],
  repeatcnt: ['RepeatCount'],
  sport: ['srcPort'],
  dport: ['dstPort'],
  flags: ['Flags'],
  proto: ['proto'],
  action: ['Action'],
  bytes: ['totalBytes', 'Bytes'],
  bytes_sent: ['srcBytes'],
  bytes_received: ['dstBytes'],
  packets: ['totalPackets'],
  start: ['start', 'SessionStartTime'],
  elapsed: ['ElapsedTime', 'SessionDuration'],
  category: ['URLCategory'],
  srcloc: ['SourceLocation'],
  dstloc: ['DestinationLocation'],
  pkts_sent: ['srcPackets'],
  pkts_received: ['dstPackets'],
  session_end_reason: ['SessionEndReason'],
  vsys_name: ['vSrcName', 'VirtualSystemName'],
  device_name: ['DeviceName'],
  action_source: ['ActionSource'],
  rule_uuid: ['RuleUUID'],
};

const CEF: KeyTable = {
  receive_time: ['rt'],
  serial: ['deviceExternalId'],
  config_ver: ['PanOSConfigVersion'],
  time_generated: ['start'],
  src: ['src'],
  dst: ['dst'],
  natsrc: ['sourceTranslatedAddress', 'srcTranslatedAddress'],
  natdst: ['destinationTranslatedAddress', 'dstTranslatedAddress'],
  rule: ['cs1', 'rule'],
  srcuser: ['suser'],
  dstuser: ['duser'],
  app: ['app'],
  vsys: ['cs3', 'vs'],
  from: ['cs4', 'sz'],
  to: ['cs5', 'dz'],
  inbound_if: ['deviceInboundInterface', 'InboundInterface'],
  outbound_if: ['deviceOutboundInterface', 'OutboundInterface'],
  sessionid: ['cn1', 'sid'],
  repeatcnt: ['cnt'],
  sport: ['spt'],
  dport: ['dpt'],
  flags: ['flexString1', 'flags'],
  proto: ['proto'],
  action: ['act'],
  bytes: ['PanOSBytes', 'tbytes'],
  packets: ['cn2', 'pkt'],
  start: ['PanOSSessionStartTime'],
  elapsed: ['cn3'],
  category: ['cs2', 'urlcat'],
  srcloc: ['PanOSSourceLocation'],
  dstloc: ['PanOSDestinationLocation'],
  pkts_sent: ['PanOSPacketsSent', 'pktSent'],
  pkts_received: ['PanOSPacketsReceived', 'pktReceived'],
  session_end_reason: ['reason'],
  vsys_name: ['PanOSVirtualSystemName', 'VsysName'],
  device_name: ['dvchost'],
  action_source: ['cat'],
  rule_uuid: ['PanOSRuleUUID', 'RuleUUID'],
};

export const KV_KEYS: Readonly<Record<KvFormat, KeyTable>> = {
  json: STRATA_JSON,
  leef: LEEF,
  cef: CEF,
};

/**
 * CEF byte counters: the PAN-OS firewall template writes in=bytes sent, out=bytes received;
 * Strata Logging Service (product "LF") writes the reverse (§8.1, §8.3).
 */
export const CEF_BYTES = {
  firewall: { bytes_sent: 'in', bytes_received: 'out' },
  strata: { bytes_sent: 'out', bytes_received: 'in' },
} as const;

/**
 * Fields of a collector's JSON event that hold the original log line, in priority order:
 * Cribl's `_raw`, Logstash's and Filebeat's `message` (public samples: criblpacks
 * cribl-palo-alto-networks, Logstash json_lines output of a syslog input).
 */
export const JSON_WRAPPER_KEYS = ['_raw', 'message'] as const;
