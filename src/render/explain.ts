// Renders what `pan-ser explain` found: for each match, what it is, which end reason it leads to
// and why, and what to check. Reads the knowledge and findings tables; the term itself is user
// input and is escaped. Pure: (term, matches, view) => string.
import { Chalk } from 'chalk';
import { FINDINGS, type FindingRule } from '../classify/findings.js';
import { causesOfReason, type TermMatch } from '../explain.js';
import { ERROR_CODES, TLS_ALERTS, type DecryptReason } from '../knowledge/codes.js';
import { decodeFlags, FLAGS, type FlagKey } from '../knowledge/flags.js';
import { REASONS, type ReasonKey } from '../knowledge/reasons.js';
import { escapeTerminal as t } from './escape.js';
import { wrap } from './text.js';
import type { View } from './view.js';

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export function renderExplain(term: string, matches: readonly TermMatch[], view: View): string {
  const c = new Chalk({ level: view.color ? 1 : 0 });
  const width = Math.max(60, view.width);
  const out: string[] = [];
  const para = (text: string, indent = '  ') => out.push(...wrap(text, width, indent, indent));
  const list = (items: readonly string[]) => {
    for (const i of items) out.push(...wrap(`- ${i}`, width, '    ', '      '));
  };
  const leadsTo = (reason: DecryptReason, why: string) => {
    para(`Leads to the end reason ${c.bold(reason)}: ${REASONS[reason].meaning}`);
    para(`Why: ${why}`);
    out.push('  What to check:');
    list(REASONS[reason].nextChecks);
  };

  if (matches.length > 1) out.push(`"${t(term)}" names ${matches.length} things:`, '');
  for (const m of matches) {
    switch (m.kind) {
      case 'reason': {
        const r = REASONS[m.reason];
        out.push(
          `${c.bold(m.reason)}: Session End Reason (precedence ${r.precedence} of 14, category ${r.category})`,
        );
        para(r.meaning);
        out.push('  Usual causes:');
        list(r.causes);
        const fam = causesOfReason(m.reason);
        if (fam.codes.length + fam.alerts.length > 0) {
          out.push('  Error codes and TLS alerts reported as this reason (KB 55086):');
          list([
            ...fam.codes.map(
              (n) =>
                `${ERROR_CODES[n].source} ${ERROR_CODES[n].code} ${n}: ${ERROR_CODES[n].meaning}`,
            ),
            ...fam.alerts.map((a) => `TLS alert ${a}: ${TLS_ALERTS[a].meaning}`),
          ]);
          if (m.reason === 'decrypt-error')
            para('and any other fatal TLS alert, and every other decryption failure.', '    ');
        }
        const used = findingsFor((rule) => rule.reasons !== 'any' && includes(rule, m.reason));
        if (used.length > 0) out.push(`  Findings that look at it: ${used.join(', ')}`);
        out.push('  What to check:');
        list(r.nextChecks);
        break;
      }
      case 'error-code': {
        const e = ERROR_CODES[m.name];
        out.push(`${c.bold(m.name)}: ${e.source} decryption error code ${e.code}`);
        para(`Means ${e.meaning}.`);
        leadsTo(
          e.reason,
          `the firewall maps ${e.source} error ${e.code} to ${e.reason} (Palo Alto Networks KB 55086, PAN-OS 7.1+); on 7.1/8.0 it may still be logged as policy-deny.`,
        );
        break;
      }
      case 'tls-alert': {
        const a = TLS_ALERTS[m.name];
        out.push(`${c.bold(m.name)}: TLS alert ${a.value} (RFC 5246)`);
        para(`Means ${a.meaning}.`);
        leadsTo(
          a.reason,
          a.named
            ? `KB 55086 names this fatal alert under ${a.reason}.`
            : `KB 55086 reports every fatal alert it does not name under ${a.reason}.`,
        );
        break;
      }
      case 'flag': {
        const f = FLAGS[m.key];
        out.push(`${c.bold(hex(f.mask))} ${m.key}: bit of the TRAFFIC Flags field`);
        para(`Set when: ${f.label}.`);
        const used = flagUsers(m.key);
        if (used.length > 0) {
          out.push('  Evidence for:');
          list(used);
        } else para('No finding reads this bit; it is decoded in examples only.');
        break;
      }
      case 'flags-value': {
        const d = decodeFlags(m.value);
        out.push(`${c.bold(hex(m.value))}: a Flags value`);
        if (d.known.length === 0) para('No documented bit is set.');
        else {
          out.push('  Documented bits set:');
          list(d.known.map((k) => `${hex(FLAGS[k].mask)} ${k}: ${FLAGS[k].label}`));
        }
        if (d.undocumented !== null)
          para(`Undocumented bits ${d.undocumented} (seen in real logs; meaning unpublished).`);
        break;
      }
      case 'finding-cause': {
        const f: FindingRule = FINDINGS[m.id];
        const cause = f.causes?.[m.cause];
        out.push(`${c.bold(m.cause)}: a cause the finding ${m.id} ranks`);
        if (cause) para(`${cause.title}. ${cause.explanation}`);
        para(`See \`pan-ser explain ${m.id}\` for the finding and what to check.`);
        break;
      }
      case 'finding': {
        const f: FindingRule = FINDINGS[m.id];
        out.push(`${c.bold(m.id)}: finding, severity ${f.severity}: ${f.title}`);
        para(f.explanation);
        if (f.reasons !== 'any') para(`Looks at sessions ending with: ${f.reasons.join(', ')}.`);
        if (f.causes) {
          out.push('  Causes it ranks (first = most telling):');
          list(Object.entries(f.causes).map(([id, cause]) => `${id}: ${cause.explanation}`));
        }
        out.push('  What to check:');
        list(f.nextChecks);
        break;
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function includes(rule: FindingRule, reason: ReasonKey): boolean {
  return rule.reasons !== 'any' && rule.reasons.includes(reason);
}

function findingsFor(pred: (rule: FindingRule) => boolean): string[] {
  return Object.entries(FINDINGS as Record<string, FindingRule>)
    .filter(([, rule]) => pred(rule))
    .map(([id]) => id);
}

/** Findings and causes whose explanation cites this bit's mask. */
function flagUsers(key: FlagKey): string[] {
  const mask = hex(FLAGS[key].mask);
  const out: string[] = [];
  for (const [id, rule] of Object.entries(FINDINGS as Record<string, FindingRule>)) {
    if (rule.explanation.includes(mask)) out.push(`finding ${id}`);
    for (const [cid, cause] of Object.entries(rule.causes ?? {})) {
      if (cause.explanation.includes(mask)) out.push(`finding ${id}, cause ${cid}: ${cause.title}`);
    }
  }
  return out;
}
