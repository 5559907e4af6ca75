import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PanSerError } from '../../src/errors.js';
import { FIELD_IDS } from '../../src/fields/field-ids.js';
import { RELATED_TEXT_MAX, createMapper } from '../../src/fields/map.js';
import { FIXTURES, TEST_PARSER } from '../helpers/io.js';

const HEADER =
  'Domain,Receive Time,Serial #,Type,Threat/Content Type,Config Version,Generate Time,Source address,Destination address,NAT Source IP,NAT Destination IP,Rule,Source User,Destination User,Application,Virtual System,Source Zone,Destination Zone,Inbound Interface,Outbound Interface,Log Action,Time Logged,Session ID,Repeat Count,Source Port,Destination Port,NAT Source Port,NAT Destination Port,Flags,IP Protocol,Action,Bytes,Bytes Sent,Bytes Received,Packets,Start Time,Elapsed Time (sec),Category,tpadding,Sequence Number,Action Flags,Source Country,Destination Country,cpadding,Packets Sent,Packets Received,Session End Reason';

describe('CSV export mapping', () => {
  it('maps columns by header name, whatever their order', () => {
    const m = createMapper('x.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    expect(m.map('Session End Reason,Rule,Action,Type,pkts_sent', 1)).toEqual({
      kind: 'skip',
      what: '(header)',
    });
    const r = m.map('tcp-fin,allow-web,allow,TRAFFIC,7', 2);
    expect(r.kind).toBe('traffic');
    if (r.kind !== 'traffic') return;
    expect(r.fields.session_end_reason).toBe('tcp-fin');
    expect(r.fields.rule).toBe('allow-web');
    expect(r.fields.pkts_sent).toBe('7');
    expect(r.fields.src).toBe('');
    expect(m.facts.format).toBe('csv');
  });

  it('reads the 8.1 export header (aliases such as Serial #, tpadding, Packets Sent)', () => {
    const m = createMapper('x.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    m.map(`\uFEFF${HEADER}`, 1);
    const row =
      '1,2020/05/10 10:01,0123,TRAFFIC,end,2049,2020/05/10 10:01,10.0.0.1,8.8.8.8,,,r1,,,dns,vsys1,trust,untrust,e1,e2,lf,2020/05/10 10:01,99,1,5000,53,0,0,0x0,udp,allow,100,60,40,2,2020/05/10 10:00,30,any,0,1,0x0,US,US,0,1,1,aged-out';
    const r = m.map(row, 2);
    expect(
      r.kind === 'traffic' && [r.fields.serial, r.fields.pkts_sent, r.fields.session_end_reason],
    ).toEqual(['0123', '1', 'aged-out']);
  });

  it('reads a CSV whose header uses the XML API element names (src, from, dport, …; found by the audit)', () => {
    // Element order of an XML API traffic log entry (panos-traffic-format.md §8.5), plus the
    // newer elements; these are the syslog variable names, i.e. pan-ser's field ids.
    const names =
      'domain,receive_time,serial,seqno,actionflags,type,subtype,config_ver,time_generated,src,dst,natsrc,natdst,rule,srcloc,dstloc,app,vsys,from,to,inbound_if,outbound_if,time_received,sessionid,repeatcnt,sport,dport,natsport,natdport,flags,proto,action,cpadding,bytes,bytes_sent,bytes_received,packets,start,elapsed,category,padding,pkts_sent,pkts_received,session_end_reason,vsys_name,device_name,action_source,rule_uuid,srcuser,dstuser'.split(
        ',',
      );
    const m = createMapper('xmlapi.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    expect(m.map(names.join(','), 1)).toEqual({ kind: 'skip', what: '(header)' });
    const value = (n: string) =>
      n === 'type'
        ? 'TRAFFIC'
        : n === 'action'
          ? 'allow'
          : n === 'session_end_reason'
            ? 'tcp-fin'
            : `v-${n}`;
    const r = m.map(names.map(value).join(','), 2);
    expect(r.kind).toBe('traffic');
    if (r.kind !== 'traffic') return;
    for (const id of FIELD_IDS) expect([id, r.fields[id]]).toEqual([id, value(id)]);
  });
  it('skips rows of another log type and rejects short rows', () => {
    const m = createMapper('x.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    m.map(HEADER, 1);
    expect(m.map('1,t,s,THREAT,url', 2)).toEqual({ kind: 'skip', what: 'THREAT' });
    const short = m.map('1,2', 3);
    expect(short.kind === 'reject' && short.code).toBe('SHORT_ROW');
  });

  it('refuses an export without Session End Reason, naming it and the columns it has', () => {
    const lines = readFileSync(`${FIXTURES}bad/uci-no-end-reason.csv`, 'utf8').split('\n');
    const m = createMapper('log2.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    let err: unknown;
    try {
      m.map(lines[0] ?? '', 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PanSerError);
    const e = err as PanSerError;
    expect(e.code).toBe('INPUT_MISSING_COLUMNS');
    expect(e.message).toContain('Session End Reason');
    expect(e.message).toContain('Elapsed Time (sec)');
    expect(e.message).toContain('12-column subset of a traffic export');
    expect(e.line).toBe(1);
  });
});

describe('lines above an export header', () => {
  const row =
    '1,2020/05/10 10:01,0123,TRAFFIC,end,2049,2020/05/10 10:01,10.0.0.1,8.8.8.8,,,r1,,,dns,vsys1,trust,untrust,e1,e2,lf,2020/05/10 10:01,99,1,5000,53,0,0,0x0,udp,allow,100,60,40,2,2020/05/10 10:00,30,any,0,1,0x0,US,US,0,1,1,aged-out';

  it("skips Excel's separator hint and still reads the header below it", () => {
    const m = createMapper('x.csv', { parser: TEST_PARSER, inputFormat: 'csv' });
    expect(m.map('sep=,', 1)).toEqual({ kind: 'skip', what: '(separator hint)' });
    expect(m.map(HEADER, 2)).toEqual({ kind: 'skip', what: '(header)' });
    const r = m.map(row, 3);
    expect(r.kind === 'traffic' && r.fields.session_end_reason).toBe('aged-out');
    expect(m.facts.format).toBe('csv');
  });

  it('rejects a title line without settling the format, so the header below it is read', () => {
    const m = createMapper('x.csv', { parser: TEST_PARSER, inputFormat: 'auto' });
    const title = m.map('Traffic logs, exported from Panorama', 1);
    expect(title.kind === 'reject' && [title.line, title.code]).toEqual([1, 'NOT_PANOS']);
    expect(m.facts.format).toBeNull();
    expect(m.map(HEADER, 2)).toEqual({ kind: 'skip', what: '(header)' });
    expect(m.map(row, 3).kind).toBe('traffic');
    expect(m.facts.format).toBe('csv');
  });

  it('names an export header met after syslog lines', () => {
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    expect(m.map(`<14>May 10 10:01:00 fw1 ${row}`, 1).kind).toBe('traffic');
    const h = m.map(HEADER, 2);
    expect(h.kind === 'reject' && h.message).toMatch(/CSV export header row after syslog lines/);
  });
});

describe('CSV export without a Flags column', () => {
  it('rebuilds Flags from yes/no flag columns', () => {
    const m = createMapper('x.csv', { inputFormat: 'auto' });
    m.map('Type,Action,Session End Reason,Decrypted,Captive Portal,flag-nat', 1);
    const r = m.map('TRAFFIC,allow,policy-deny,yes,no,yes', 2);
    expect(r.kind === 'traffic' && r.fields.flags).toBe('0x1400000');
    const none = m.map('TRAFFIC,allow,tcp-fin,,,', 3);
    expect(none.kind === 'traffic' && none.fields.flags).toBe('');
  });

  it('prefers the Flags column when there is one', () => {
    const m = createMapper('x.csv', { inputFormat: 'auto' });
    m.map('Type,Action,Session End Reason,Flags,Decrypted', 1);
    const r = m.map('TRAFFIC,allow,tcp-fin,0x19,yes', 2);
    expect(r.kind === 'traffic' && r.fields.flags).toBe('0x19');
  });
});

describe('syslog mapping', () => {
  const line =
    '<14>Sep 20 13:03:58 PA-VM 1,2018/09/20 13:03:58,44A1B3FC68F5304,TRAFFIC,end,2049,2018/09/20 13:03:58,34.217.108.226,10.0.0.102,34.217.108.226,10.0.2.65,splunk,,,incomplete,vsys1,untrusted,trusted,ethernet1/3,ethernet1/2,log-forwarding-default,2018/09/20 13:03:58,574326,1,53722,8088,53722,8088,0x400064,tcp,allow,296,296,0,4,2018/09/20 13:03:45,7,any,0,730277,0x0,United States,10.0.0.0-10.255.255.255,0,4,0,aged-out,0,0,0,0,,PA-VM,from-policy,,,0,,0,,N/A,0,0,0,0';

  it('keeps columns in place when a quoted field holds commas', () => {
    const quoted = line
      .replace(',splunk,', ',"rule, with comma",')
      .replace(',incomplete,', ',"a ""quoted"" app",');
    const r = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' }).map(quoted, 1);
    expect(
      r.kind === 'traffic' && [
        r.fields.rule,
        r.fields.app,
        r.fields.action,
        r.fields.session_end_reason,
      ],
    ).toEqual(['rule, with comma', 'a "quoted" app', 'allow', 'aged-out']);
  });

  it('counts other log types as skipped, with their type', () => {
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    expect(m.map('Apr 30 06:00:00 fw 1,2020/02/09 00:00:00,0001,SYSTEM,general,0', 1)).toEqual({
      kind: 'skip',
      what: 'SYSTEM',
    });
    expect(m.map('1,2020/02/09 00:00:00,0001,DECRYPTION,end,0', 2)).toEqual({
      kind: 'skip',
      what: 'DECRYPTION',
    });
  });

  it('skips other log types whose type is out of place (Prisma THREAT, AUDIT, 9.1 GLOBALPROTECT)', () => {
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    // Synthetic, of the shape of layer-3-communications/pan-os-syslog Sample.hs threat_prisma_A.
    const prismaThreat =
      '<14>1 2021-10-28T02:58:53.586Z lf-host logforwarder - panwlogs - 2021-10-28T02:58:52.000000Z,no-serial,THREAT,url,10.0,2021-10-28T02:58:50.000000Z,192.0.2.1,192.0.2.2,192.0.2.3,192.0.2.4,OUT,,,google-play,vsys1,trust,untrust,tunnel.1,ethernet1/1,fwd,28182,1,59580,443,3502,443,tcp,block-url,example.com/,shopping,Informational,client to server,2719193,10.0.0.0-10.255.255.255,US,,0,0,,,,28,31,0,0,,dev,,,unknown,0,,0,1970-01-01T00:00:00.000000Z,N/A,unknown,0,0,,"shopping,low-risk",89ea2a40-656e-4c5a-b44c-c27b52de3982,0,,2021-10-28T02:58:50.719000Z,';
    expect(m.map(prismaThreat, 1)).toEqual({ kind: 'skip', what: 'THREAT' });
    // Synthetic, of the shape of elastic/integrations panw test-panw-panos-audit-sample.log:
    // PAN-OS writes AUDIT logs without the leading field, type in lower case.
    const audit =
      'Apr 11 20:06:15 fw 012345678901,2024/04/11 20:06:15,audit,2561,gui-op,admin,"<show><system><info/></system></show>",success';
    expect(m.map(audit, 2)).toEqual({ kind: 'skip', what: 'AUDIT' });
    // Synthetic, of the shape of Graylog2/graylog-plugin-integrations PaloAlto9xTemplatesTest
    // (a PAN-OS 9.1.0-9.1.2 GLOBALPROTECT log: sequence number and action flags before the type).
    const gp =
      '1,2020/04/01 10:49:35,012345678901,11,0x0,GLOBALPROTECT,0,2305,2020/04/01 10:49:35,vsys1,portal-prelogin,before-login,,,,192.168.0.0-192.168.255.255,,192.0.2.33,0.0.0.0,0.0.0.0,0.0.0.0,host-id,,Browser,Windows,"Windows 10, 64-bit",1,,,"",success,,0,,0,gp-portal';
    expect(m.map(gp, 3)).toEqual({ kind: 'skip', what: 'GLOBALPROTECT' });
  });

  it('reads a TRAFFIC line whose leading field a collector dropped with the release layout', () => {
    // Of the shape of u-siem/usiem-paloalto's test line (a 9.1 log without its leading "1,").
    const full =
      'Feb  5 15:05:55 pa-test 1,2021/02/05 15:05:55,0123456789,TRAFFIC,drop,2305,2021/02/05 15:05:56,192.168.2.1,192.168.3.2,0.0.0.0,0.0.0.0,intrazone-default,,,not-applicable,vsys1,untrust,untrust,ethernet1,,Log Collector,2021/02/05 15:05:55,77,1,35861,514,0,0,0x0,udp,deny,102,102,0,1,2021/02/08 16:06:59,0,any,0,3996658540,0x0,192.168.0.0-192.168.255.255,192.168.0.0-192.168.255.255,0,1,0,policy-deny,0,0,0,0,,pa-test,from-policy,,,0,,0,,N/A,0,0,0,0,aa1d1908-68cd-467a-bc90-68a57096ef3b,0,0,,,,,,,';
    const ids = [
      'receive_time',
      'time_generated',
      'sessionid',
      'dport',
      'flags',
      'action',
      'session_end_reason',
      'device_name',
    ] as const;
    const read = (text: string) => {
      const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
      const r = m.map(text, 1);
      return r.kind === 'traffic' ? [r.layout, ...ids.map((id) => r.fields[id])] : r;
    };
    const want = read(full);
    expect(want).toEqual([
      '9.1',
      '2021/02/05 15:05:55',
      '2021/02/05 15:05:56',
      '77',
      '514',
      '0x0',
      'deny',
      'policy-deny',
      'pa-test',
    ]);
    expect(read(full.replace(' 1,2021/', ' 2021/'))).toEqual(want);
    expect(read(full.slice(full.indexOf('1,') + 2))).toEqual(want);
  });

  it.each([
    ['hello world', 'NOT_PANOS'],
    ['1,2020/02/09 00:00:00,0001,TRAFFIC,', 'TOO_FEW_FIELDS'],
    ['1,2020/02/09,"oops', 'UNTERMINATED_QUOTE'],
    ['a,b,c,lower-case-type,x', 'NOT_PANOS'],
    [
      '<14>1 2021-10-27T19:21:00.034Z h lf - panwlogs - 2021-10-27T19:20:59.000000Z,no-serial,TRAFFIC,end,10.0,x',
      'TOO_FEW_FIELDS',
    ],
    ['1,2,3\u0000,TRAFFIC', 'BINARY'],
  ])('rejects %j as %s', (text, code) => {
    const r = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' }).map(text, 7);
    expect(r.kind).toBe('reject');
    if (r.kind === 'reject') {
      expect(r.code).toBe(code);
      expect(r.line).toBe(7);
      expect(r.file).toBe('x.log');
    }
  });

  it('honours --panos-version over the hints', () => {
    const r = createMapper('x.log', {
      parser: TEST_PARSER,
      inputFormat: 'auto',
      panosVersion: '7.1',
    }).map(line, 1);
    expect(r.kind === 'traffic' && r.layout).toBe('7.x');
  });

  it('reads LEEF, CEF and Strata JSON records by key', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const leef = m.map(
      'Mar  9 12:50:56 FW LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1.6|deny|x7C|cat=TRAFFIC|Subtype=deny|RuleName=r, one|Flags=0x1000000|SessionEndReason=policy-deny|totalBytes=10',
      1,
    );
    expect(
      leef.kind === 'traffic' && [
        leef.layout,
        leef.fields.action,
        leef.fields.rule,
        leef.fields.flags,
        leef.fields.session_end_reason,
      ],
    ).toEqual(['LEEF', 'deny', 'r, one', '0x1000000', 'policy-deny']);
    const cef = m.map(
      'CEF:0|Palo Alto Networks|LF|2.0|TRAFFIC|end|3|rt=Jul 31 2022 12:46:24 cs1=SO Access cs1Label=Rule act=allow out=5 in=7 reason=tcp-fin PanOSIsDecrypted=true PanOSCaptivePortal=false',
      2,
    );
    expect(
      cef.kind === 'traffic' && [
        cef.fields.type,
        cef.fields.subtype,
        cef.fields.rule,
        cef.fields.bytes_sent,
        cef.fields.bytes_received,
        cef.fields.flags,
      ],
    ).toEqual(['TRAFFIC', 'end', 'SO Access', '5', '7', '0x1000000']);
    const fwCef = m.map(
      'CEF:0|Palo Alto Networks|PAN-OS|9.1|end|TRAFFIC|1|act=allow in=5 out=7 reason=aged-out',
      3,
    );
    expect(
      fwCef.kind === 'traffic' && [
        fwCef.fields.subtype,
        fwCef.fields.bytes_sent,
        fwCef.fields.bytes_received,
      ],
    ).toEqual(['end', '5', '7']);
    const json = m.map(
      '{"LogType":"TRAFFIC","Subtype":"start","Action":"allow","SessionEndReason":"n-a","IsDecrypted":false}',
      4,
    );
    expect(
      json.kind === 'traffic' && [json.layout, json.fields.session_end_reason, json.fields.flags],
    ).toEqual(['JSON', 'n-a', '0x0']);
    expect(m.map('{"LogType":"SYSTEM"}', 5)).toEqual({ kind: 'skip', what: 'SYSTEM' });
    expect(m.facts.layouts).toEqual({ LEEF: 1, CEF: 2, JSON: 1 });
  });

  it('reads the short custom CEF template (rule=, sz=, dz=, sid=, tbytes=)', () => {
    // Synthetic, of the shape of the PAN-OS CEF sample in Google SecOps' Palo Alto Networks
    // firewall parser docs.
    const r = createMapper('x.log', { inputFormat: 'auto' }).map(
      '<14>1 2024-04-04T16:21:56+02:00 FW-1 - - - - CEF:0|Palo Alto Networks|PAN-OS|10.1.10-h2|end|TRAFFIC|1|src=192.0.2.1 dst=192.0.2.2 srcTranslatedAddress=192.0.2.3 rule=R1 app=dns vs=vsys1 sz=IN dz=OUT sid=2935823 flags=0x400000 proto=udp act=allow tbytes=475 in=150 out=325 pkt=2 pktReceived=1 pktSent=1 reason=aged-out VsysName=V1 dvchost=FW-1',
      1,
    );
    const ids = ['rule', 'from', 'to', 'sessionid', 'natsrc', 'flags', 'bytes', 'packets'] as const;
    expect(r.kind === 'traffic' && ids.map((id) => r.fields[id])).toEqual([
      'R1',
      'IN',
      'OUT',
      '2935823',
      '192.0.2.3',
      '0x400000',
      '475',
      '2',
    ]);
  });

  it("reads the PAN-OS line a collector's JSON event carries in message or _raw", () => {
    // Synthetic, of the shape of a Logstash json_lines event of a syslog input (as in
    // public SIEM-importer samples) and of Cribl's events (`_raw`).
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    const line =
      '1,2011/06/21 18:06:18,0009C100218,TRAFFIC,end,1,2011/06/21 18:06:27,192.0.2.13,192.0.2.231,0.0.0.0,0.0.0.0,Allow export,,,incomplete,vsys1,TAP,TAP,ethernet1/3,ethernet1/3,Copy Traffic Logs,2011/06/21 18:06:27,309703,1,61590,443,0,0,0x19,tcp,allow,66,66,0,1,2011/06/21 18:06:19,5,any,0,945780,0x0,US,US,0,1,0,aged-out,0,0,0,0,,PA-1,from-policy';
    const logstash = JSON.stringify({ message: line, '@version': '1', host: '192.0.2.6' });
    const r = m.map(logstash, 1);
    expect(
      r.kind === 'traffic' && [r.layout, r.fields.sessionid, r.fields.session_end_reason],
    ).toEqual(['7.x', '309703', 'aged-out']);
    const threat = line.replace(',TRAFFIC,end,', ',THREAT,url,');
    expect(m.map(JSON.stringify({ _raw: `<14>Jun 21 18:06:27 fw ${threat}` }), 2)).toMatchObject({
      kind: 'skip',
      what: 'THREAT',
    });
    expect(m.facts.headerKinds).toEqual({ bare: 1, bsd: 1 });
  });

  it('reads Strata JSON behind a syslog header (the log forwarder program)', () => {
    // Synthetic, of the shape shown in a Wazuh integration guide for Strata Logging Service
    // syslog forwarding: `<14>Mar 30 08:53:11 log-forwarder-… logforwarder {"TimeReceived":…}`.
    for (const parser of ['fast', 'csv-parse'] as const) {
      const m = createMapper('x.log', { parser, inputFormat: 'auto' });
      const r = m.map(
        '<14>Mar 30 08:53:11 lf-1 logforwarder {"TimeReceived":"2026-03-30T08:46:57.000000Z","LogType":"TRAFFIC","Subtype":"end","Rule":"allow, internal","Action":"allow","SourcePort":51375,"Bytes":2386,"SessionEndReason":"tcp-rst-from-server"}',
        1,
      );
      expect(
        r.kind === 'traffic' && [r.layout, r.fields.rule, r.fields.bytes, r.fields.sport],
      ).toEqual(['JSON', 'allow, internal', '2386', '51375']);
      expect(m.map('<14>Mar 30 08:53:12 lf-1 logforwarder {"LogType":"THREAT"}', 2)).toEqual({
        kind: 'skip',
        what: 'THREAT',
      });
      expect(m.facts.headerKinds).toEqual({ bsd: 2 });
    }
  });
});

describe('LEEF key names (found by the audit)', () => {
  // The fields LEEF lines name with Strata Logging Service's keys instead of the QRadar
  // template's: they read empty before (kv-formats.ts names the sources).
  const pick = (r: ReturnType<ReturnType<typeof createMapper>['map']>) =>
    r.kind === 'traffic'
      ? {
          vsys: r.fields.vsys,
          from: r.fields.from,
          to: r.fields.to,
          inbound_if: r.fields.inbound_if,
          outbound_if: r.fields.outbound_if,
          bytes: r.fields.bytes,
          start: r.fields.start,
          elapsed: r.fields.elapsed,
          vsys_name: r.fields.vsys_name,
        }
      : r;
  const want = {
    vsys: 'vsys1',
    from: 'trust',
    to: 'untrust',
    inbound_if: 'ethernet1/1',
    outbound_if: 'ethernet1/2',
    bytes: '1662791',
    elapsed: '21',
    vsys_name: 'main',
  };

  it('reads a Strata Logging Service LEEF traffic line (space-delimited)', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const r = m.map(
      '<14>1 2021-09-21T01:47:21.059Z fwd logforwarder - panwlogs - LEEF:2.0|Palo Alto Networks|Next Generation Firewall|10.1|allow| |TimeReceived=2021-09-21T01:47:20.000000Z DeviceSN=007051000001 cat=traffic SubType=end devTime=2021-09-21T01:47:18.000000Z src=10.1.1.5 dst=192.0.2.10 Rule=allow-web VirtualLocation=vsys1 FromZone=trust ToZone=untrust InboundInterface=ethernet1/1 OutboundInterface=ethernet1/2 proto=tcp Bytes=1662791 SessionStartTime=2021-09-21T01:46:47.000000Z SessionDuration=21 SessionEndReason=tcp-fin VirtualSystemName=main',
      1,
    );
    expect(pick(r)).toEqual({ ...want, start: '2021-09-21T01:46:47.000000Z' });
  });

  it('reads a PAN-OS LEEF template that uses those names (| delimited)', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const r = m.map(
      'Mar  9 12:50:56 FW LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|10.1.9|allow|x7C|TimeReceived=2026/03/09 12:50:56|cat=TRAFFIC|SubType=end|Rule=allow-web|VirtualLocation=vsys1|FromZone=trust|ToZone=untrust|InboundInterface=ethernet1/1|OutboundInterface=ethernet1/2|Bytes=1662791|SessionStartTime=Mar 09 2026 08:50:55 GMT|SessionDuration=21|SessionEndReason=aged-out|VirtualSystemName=main',
      1,
    );
    expect(pick(r)).toEqual({ ...want, start: 'Mar 09 2026 08:50:55 GMT' });
  });

  it('prefers the QRadar template name when a line carries both', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const r = m.map(
      'LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1.6|allow|x7C|cat=TRAFFIC|SourceZone=a|FromZone=b|totalBytes=5|Bytes=6|SessionEndReason=tcp-fin',
      1,
    );
    expect(r.kind === 'traffic' && [r.fields.from, r.fields.bytes]).toEqual(['a', '5']);
  });
});

describe('DECRYPTION, THREAT and AUTH lines', () => {
  const mixed = readFileSync(`${FIXTURES}mixed/decryption-threat-auth.log`, 'utf8').split('\n');

  it('are skips counted by type that carry serial, session id and the evidence text', () => {
    const m = createMapper('mixed.log', { inputFormat: 'auto' });
    const got = mixed
      .filter((l) => l !== '')
      .map((l, i) => m.map(l, i + 1))
      .filter((r) => r.kind === 'skip');
    expect(got.map((s) => s.what)).toEqual([
      'DECRYPTION',
      'DECRYPTION',
      'THREAT',
      'AUTH',
      'DECRYPTION',
    ]);
    expect(got[0]?.related).toEqual({
      type: 'DECRYPTION',
      file: 'mixed.log',
      line: 1,
      serial: '012801000111',
      sessionid: '871003',
      subtype: 'start',
      action: 'allow',
      detail: 'Certificate / Received fatal alert BadCertificate from client',
    });
    expect(got[3]?.related).toMatchObject({ type: 'AUTH', sessionid: '455821' });
  });

  it('hold clipped evidence, and nothing for a session id no TRAFFIC log can have', () => {
    // Thousands of related logs wait in the correlation window: a 100 KB URL must not be held.
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const threat = mixed.find((l) => l.includes(',THREAT,')) ?? '';
    const cells = threat.split(',');
    const at = (i: number, v: string) => cells.map((c, k) => (k === i ? v : c)).join(',');
    const long = m.map(at(31, 'u'.repeat(100_000)), 1);
    expect(long.kind === 'skip' && long.related?.detail.length).toBe(RELATED_TEXT_MAX);
    expect(long.kind === 'skip' && long.related?.detail.endsWith('…')).toBe(true);
    expect(m.map(at(22, '9'.repeat(65)), 2)).toEqual({ kind: 'skip', what: 'THREAT' });
    expect(m.map(at(2, 'S'.repeat(65)), 3)).toEqual({ kind: 'skip', what: 'THREAT' });
  });

  it('carry nothing when too short to hold the session id (older AUTH format)', () => {
    const m = createMapper('x.log', { inputFormat: 'auto' });
    const old = '1,2020/01/01 00:00:00,0123,AUTH,auth,,2020/01/01 00:00:00,vsys1,10.0.0.1,bob';
    expect(m.map(old, 1)).toEqual({ kind: 'skip', what: 'AUTH' });
  });
});

describe('reject messages', () => {
  it('show a field value with control characters as \\xNN, on one line (found by the fuzz test)', () => {
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    const r = m.map('<14>Sep 20 13:03:58 PA-VM 1,2018/09/20 13:03:58,0011,"a\nb\tc",end,2049', 1);
    expect(r.kind).toBe('reject');
    const message = r.kind === 'reject' ? r.message : '';
    expect(message).not.toMatch(/[\n\t]/);
    expect(message).toContain('but is "a\\x0ab\\x09c"');
  });
});

describe('per-line counts of header forms and layouts', () => {
  // Counted as runs (most lines repeat the last line's form): the counts read at any point, and
  // the order keys first appear in, must be those of one write per line.
  it('are exact when read mid-file, and keep first-seen order through interleaved runs', () => {
    const body =
      '1,2021/02/05 15:05:55,0011C100000,TRAFFIC,end,2049,2021/02/05 15:05:55,10.0.0.1,10.0.0.2,0.0.0.0,0.0.0.0,allow-web,,,ssl,vsys1,trust,untrust,e1/1,e1/2,fwd,2021/02/05 15:05:55,1,1,1,443,0,0,0x400000,tcp,allow,100,50,50,2,2021/02/05 15:05:54,1,any,0,1,0x0,US,US,0,1,1,tcp-fin';
    const forms = {
      bsd: '<14>Feb  5 15:05:55 fw01 ',
      'bsd-no-pri': 'Feb  5 15:05:55 fw01 ',
      rfc5424: '<14>1 2021-02-05T15:05:55+00:00 fw01 - - - - ',
    } as const;
    const m = createMapper('x.log', { parser: TEST_PARSER, inputFormat: 'auto' });
    const order: (keyof typeof forms)[] = ['bsd-no-pri', 'bsd', 'bsd', 'rfc5424', 'bsd'];
    const expected: Record<string, number> = {};
    for (const [i, kind] of order.entries()) {
      expect(m.map(forms[kind] + body, i + 1).kind).toBe('traffic');
      expected[kind] = (expected[kind] ?? 0) + 1;
      // Read after every line: a run already added must not be added again.
      expect(m.facts.headerKinds).toEqual(expected);
      expect(Object.keys(m.facts.headerKinds)).toEqual(Object.keys(expected));
    }
    for (let i = 0; i < 3; i++) m.map(forms.bsd + body, 10 + i);
    expect(m.facts.headerKinds).toEqual({ ...expected, bsd: 6 });
    expect(Object.values(m.facts.layouts)).toEqual([8]);
  });
});
