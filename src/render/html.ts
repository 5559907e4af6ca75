// `--format html`: ONE self-contained page (no network: no external URL, fonts or scripts) to
// forward to a colleague: inline SVG charts (reason breakdown, reasons over time), findings with
// examples, sortable tables. Every log-derived string goes through escapeHtml; a CSP allows only
// the one inline script, by hash, so even a missed escape could not run code. Pure.
import { createHash } from 'node:crypto';
import { GROUP_KEYS, GROUP_LABELS, type Summary } from '../aggregate/summary.js';
import { REASON_KEYS } from '../knowledge/reasons.js';
import { escapeHtml as h } from './escape.js';
import { bytes, linesAddUp, num, UNRECOGNIZED_TITLE, unrecognizedValues } from './text.js';
import { BUCKET_WIDENED } from './sparkline.js';
import type { View } from './view.js';

/** Presentation only: one colour per reason, by precedence position (unrecognized: grey). */
const PALETTE = [
  '#c0392b',
  '#e67e22',
  '#8e44ad',
  '#a569bd',
  '#d2b4de',
  '#e74c3c',
  '#f1948a',
  '#6e2c00',
  '#27ae60',
  '#82e0aa',
  '#2e86c1',
  '#17a589',
  '#7f8c8d',
  '#bdc3c7',
];

function colorOf(reason: string): string {
  const i = (REASON_KEYS as readonly string[]).indexOf(reason);
  return i < 0 ? '#95a5a6' : (PALETTE[i % PALETTE.length] ?? '#95a5a6');
}

// Sortable tables: a click on a header sorts by that column (numbers by data-v), again reverses.
const SCRIPT = `document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.tabIndex = 0;
    var sort = function () {
      var body = table.tBodies[0];
      var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : -1;
      table.querySelectorAll('th').forEach(function (x) { x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var key = function (tr) {
        var td = tr.cells[col];
        var v = td.getAttribute('data-v');
        return v === null ? td.textContent.toLowerCase() : Number(v);
      };
      Array.from(body.rows)
        .sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * dir;
        })
        .forEach(function (tr) { body.appendChild(tr); });
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
});`;

const STYLE = `
:root { --fg:#1d2733; --muted:#5f6b7a; --line:#dfe3e8; --bg:#f6f8fa; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header { background:#1d2733; color:#fff; padding:20px 32px; }
header h1 { margin:0 0 4px; font-size:22px; font-weight:600; }
header p { margin:0; color:#c9d1d9; }
main { max-width:1200px; margin:0 auto; padding:20px 32px 40px; }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:16px 0; }
h2 { font-size:17px; margin:0 0 12px; }
h3 { font-size:15px; margin:16px 0 8px; }
.cards { display:flex; gap:12px; flex-wrap:wrap; }
.card { flex:1 1 160px; background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.card b { display:block; font-size:22px; }
.card span { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
table { border-collapse:collapse; width:100%; margin:8px 0; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
td { overflow-wrap:anywhere; }
.finding table { font-size:12.5px; width:auto; min-width:50%; }
.finding table.examples { table-layout:fixed; width:100%; }
th { font-weight:600; background:#f0f3f6; white-space:nowrap; }
table.sortable th { cursor:pointer; }
th[aria-sort=ascending]::after { content:" ▲"; } th[aria-sort=descending]::after { content:" ▼"; }
td.n { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12.5px; }
.swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; }
.muted { color:var(--muted); }
.sev { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:600; color:#fff; }
.sev-high { background:#c0392b; } .sev-medium { background:#e67e22; } .sev-low { background:#2e86c1; } .sev-info { background:#7f8c8d; }
.finding { border-left:4px solid #e67e22; padding:4px 0 4px 14px; margin:12px 0; }
.legend { display:flex; flex-wrap:wrap; gap:4px 16px; font-size:12px; margin-top:6px; }
svg.chart { display:block; height:auto; }
svg text { font: 11px system-ui, sans-serif; fill: #5f6b7a; }
details summary { cursor:pointer; font-weight:600; margin:6px 0; }
footer { color:var(--muted); font-size:12px; text-align:center; padding:12px; }
`;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

type Cell = { text: string; n?: number; raw?: boolean };

function table(
  head: readonly string[],
  rows: readonly Cell[][],
  numeric: ReadonlySet<number>,
  className = 'sortable',
): string {
  const th = head.map((x) => `<th scope="col">${h(x)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const content = c.raw === true ? c.text : h(c.text);
            const v = c.n === undefined ? '' : ` data-v="${c.n}"`;
            return `<td${numeric.has(i) ? ' class="n"' : ''}${v}>${content}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="${className}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const n = (x: number): Cell => ({ text: num(x), n: x });

function reasonChart(s: Summary): string {
  const seen = s.reasons.filter((r) => r.rows > 0).sort((a, b) => b.sessions - a.sessions);
  if (seen.length === 0) return '<p class="muted">No TRAFFIC sessions were analysed.</p>';
  const rowH = 24;
  const labelW = 190;
  const barW = 560;
  const H = seen.length * rowH + 8;
  const max = Math.max(...seen.map((r) => r.sessions), 1);
  const bars = seen
    .map((r, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round((r.sessions / max) * barW));
      return (
        `<g><title>${h(r.reason)}: ${num(r.sessions)} sessions (${r.percent.toFixed(2)}%)</title>` +
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${h(r.reason)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="3" fill="${colorOf(r.reason)}"/>` +
        `<text x="${labelW + w + 6}" y="${y + 15}">${num(r.sessions)} · ${r.percent.toFixed(1)}%</text></g>`
      );
    })
    .join('\n');
  return `<svg class="chart" id="chart-reasons" role="img" aria-label="Sessions per end reason" width="100%" style="max-width:${labelW + barW + 130}px" viewBox="0 0 ${labelW + barW + 130} ${H}">\n${bars}\n</svg>`;
}

function timeChart(s: Summary): string {
  const tl = s.timeline;
  if (tl.buckets.length === 0) return '<p class="muted">No session carried a readable time.</p>';
  const W = 1080;
  const H = 240;
  const left = 56;
  const bottom = 36;
  const plotW = W - left - 10;
  const plotH = H - bottom - 10;
  const max = Math.max(1, ...tl.buckets.map((b) => b.sessions));
  const bw = plotW / tl.buckets.length;
  const order = s.reasons.filter((r) => r.rows > 0).map((r) => r.reason);
  const cols: string[] = [];
  tl.buckets.forEach((b, i) => {
    let y = 10 + plotH;
    const x = left + i * bw;
    for (const reason of order) {
      const v = b.byReason[reason] ?? 0;
      if (v === 0) continue;
      const hgt = (v / max) * plotH;
      y -= hgt;
      cols.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${hgt.toFixed(1)}" fill="${colorOf(reason)}"><title>${h(b.start)} ${h(reason)}: ${num(v)}</title></rect>`,
      );
    }
  });
  const axis = [
    `<line x1="${left}" y1="${10 + plotH}" x2="${W - 10}" y2="${10 + plotH}" stroke="#aab2bd"/>`,
    `<line x1="${left}" y1="10" x2="${left}" y2="${10 + plotH}" stroke="#aab2bd"/>`,
    `<text x="${left - 6}" y="16" text-anchor="end">${num(max)}</text>`,
    `<text x="${left - 6}" y="${10 + plotH}" text-anchor="end">0</text>`,
  ];
  const ticks =
    tl.buckets.length === 1
      ? [0]
      : [0, Math.floor((tl.buckets.length - 1) / 2), tl.buckets.length - 1];
  for (const i of [...new Set(ticks)]) {
    const b = tl.buckets[i];
    if (!b) continue;
    const anchor = i === 0 ? 'start' : i === tl.buckets.length - 1 ? 'end' : 'middle';
    const x =
      i === tl.buckets.length - 1 ? left + (i + 1) * bw : left + i * bw + (i === 0 ? 0 : bw / 2);
    axis.push(
      `<text x="${x.toFixed(1)}" y="${H - 14}" text-anchor="${anchor}">${h(b.start.slice(0, 16))}</text>`,
    );
  }
  const legend = order
    .map((r) => `<span><i class="swatch" style="background:${colorOf(r)}"></i>${h(r)}</span>`)
    .join('');
  return (
    `<svg class="chart" id="chart-time" role="img" aria-label="Sessions per end reason over time" width="100%" viewBox="0 0 ${W} ${H}">\n${axis.join('\n')}\n${cols.join('\n')}\n</svg>` +
    `<div class="legend">${legend}</div>`
  );
}

function findings(s: Summary, top: number): string {
  if (s.findings.length === 0) return '<p class="muted">No findings.</p>';
  return s.findings
    .map((f) => {
      const causes =
        f.causes.length === 0
          ? ''
          : table(
              ['Cause', 'Sessions', 'Confirmed', 'Why'],
              f.causes.map((c) => [
                { text: c.title },
                n(c.sessions),
                n(c.confirmed),
                { text: c.explanation },
              ]),
              new Set([1, 2]),
            );
      const rules = f.top.rule
        .slice(0, top)
        .map((g) => `${h(g.value)} (${num(g.sessions)})`)
        .join(', ');
      const apps = f.top.app
        .slice(0, top)
        .map((g) => `${h(g.value)} (${num(g.sessions)})`)
        .join(', ');
      const examples =
        f.examples.length === 0
          ? ''
          : `<details><summary>Examples (${f.examples.length})</summary>` +
            table(
              [
                'Where',
                'Time',
                'Session',
                'Source',
                'Destination',
                'App',
                'Rule',
                'Action',
                'Reason',
                'Flags',
                'Evidence',
              ],
              f.examples.map((e) => [
                { text: `${e.file}:${e.line}` },
                { text: e.time ?? '' },
                { text: e.sessionid },
                { text: e.src },
                { text: `${e.dst}:${e.dport}` },
                { text: e.app },
                { text: e.rule },
                { text: e.action },
                { text: e.reason },
                { text: e.flags.join(' ') },
                {
                  text: Object.entries(e.evidence)
                    .map(([k, v]) => `${k}=${v}`)
                    .join('; '),
                },
              ]),
              new Set(),
              'sortable examples',
            ) +
            '</details>';
      const checks = f.nextChecks.map((c) => `<li>${h(c)}</li>`).join('');
      return `<div class="finding"><h3><span class="sev sev-${h(f.severity)}">${h(f.severity)}</span> ${h(f.title)} <code class="muted">${h(f.id)}</code></h3>
<p><b>${num(f.sessions)}</b> sessions (${f.percent.toFixed(2)}%), ${h(bytes(f.bytes))}. ${h(f.explanation)}</p>
${rules ? `<p>Rules: ${rules}</p>` : ''}${apps ? `<p>Applications: ${apps}</p>` : ''}
${causes}${checks ? `<p>What to check:</p><ul>${checks}</ul>` : ''}${examples}</div>`;
    })
    .join('\n');
}

export function renderHtml(s: Summary, view: View): string {
  const seen = s.reasons.filter((r) => r.rows > 0);
  const L = s.lines;
  const ok = linesAddUp(L);
  const body: string[] = [];
  const sub =
    s.time.first !== null && s.time.last !== null
      ? `${h(s.time.first)} → ${h(s.time.last)} · ${h(s.time.zone)}`
      : 'no readable session times';
  body.push(`<header><h1>pan-ser: why did these sessions end?</h1><p>${sub}</p></header><main>`);
  body.push(`<div class="cards">
<div class="card"><span>Sessions</span><b>${num(s.totals.sessions)}</b></div>
<div class="card"><span>Bytes</span><b>${h(bytes(s.totals.bytes))}</b></div>
<div class="card"><span>Inputs</span><b>${s.inputs.length}</b></div>
<div class="card"><span>Lines read</span><b>${num(L.read)}</b><div class="muted">${num(L.analysed)} analysed + ${num(L.skipped)} skipped + ${num(L.rejected)} rejected ${ok ? '✓' : '✗'}</div></div>
<div class="card"><span>Findings</span><b>${s.findings.length}</b></div>
</div>`);
  if (s.filter) {
    const parts = [
      ...s.filter.where.map((w) => `<code>${h(w)}</code>`),
      ...(s.filter.since === null ? [] : [`since ${h(s.filter.since)}`]),
      ...(s.filter.until === null ? [] : [`until ${h(s.filter.until)}`]),
    ];
    body.push(
      `<section><h2>Filter</h2><p>${parts.join(', ')}: ${num(s.filter.filtered)} sessions left out (counted as skipped).</p></section>`,
    );
  }
  body.push(`<section><h2>Session end reasons</h2>${reasonChart(s)}
${table(
  ['Reason', 'Category', 'Sessions', '%', 'Bytes', 'Meaning'],
  seen.map((r) => [
    {
      text: `<i class="swatch" style="background:${colorOf(r.reason)}"></i>${h(r.reason)}`,
      raw: true,
    },
    { text: r.category },
    n(r.sessions),
    { text: r.percent.toFixed(2), n: r.percent },
    { text: bytes(r.bytes), n: r.bytes },
    { text: r.meaning },
  ]),
  new Set([2, 3, 4]),
)}</section>`);
  body.push(
    `<section><h2>Reasons over time <span class="muted">(per ${h(s.timeline.bucket)}${s.timeline.widened ? `; ${h(BUCKET_WIDENED)}` : ''})</span></h2>${timeChart(s)}</section>`,
  );
  body.push(`<section><h2>Findings</h2>${findings(s, view.top)}</section>`);
  if (s.slice) {
    const keys = s.slice.keys;
    body.push(
      `<section><h2>By ${h(keys.join(' × '))}</h2>${table(
        [...keys, 'Sessions', 'Reasons'],
        s.slice.rows.slice(0, view.top).map((r) => [
          ...r.values.map((v) => ({ text: v })),
          n(r.sessions),
          {
            text: Object.entries(r.byReason)
              .map(([k, v]) => `${k} ${num(v)}`)
              .join(', '),
          },
        ]),
        new Set([keys.length]),
      )}</section>`,
    );
  }
  const actions = s.actions.filter((a) => a.rows > 0);
  body.push(
    `<section><h2>Reason × action</h2>${table(
      ['Reason', ...actions.map((a) => a.action)],
      seen.map((r) => [
        { text: r.reason },
        ...actions.map((a) => {
          const x =
            s.reasonByAction.find((y) => y.reason === r.reason && y.action === a.action)
              ?.sessions ?? 0;
          return { text: x === 0 ? '' : num(x), n: x };
        }),
      ]),
      new Set(actions.map((_, i) => i + 1)),
    )}</section>`,
  );
  const tops = seen
    .map((r) => {
      const inner = GROUP_KEYS.map((key) => {
        const rows = (s.groups[key][r.reason] ?? []).slice(0, view.top);
        return `<h3>${h(GROUP_LABELS[key])}</h3>${table(
          ['Value', 'Sessions'],
          rows.map((g) => [
            { text: g.value },
            {
              text: `${num(g.sessions)}${g.error > 0 ? ` (±${num(g.error)})` : ''}`,
              n: g.sessions,
            },
          ]),
          new Set([1]),
        )}`;
      }).join('\n');
      return `<details><summary>${h(r.reason)} (${num(r.sessions)})</summary>${inner}</details>`;
    })
    .join('\n');
  body.push(
    `<section><h2>Top ${view.top} per reason</h2>${tops || '<p class="muted">Nothing to show.</p>'}</section>`,
  );
  body.push(
    `<section><h2>Inputs</h2>${table(
      ['Input', 'Format', 'Read', 'Analysed', 'Skipped', 'Rejected', 'Error'],
      s.inputs.map((i) => [
        { text: i.name },
        { text: i.format ?? 'not read' },
        n(i.lines.read),
        n(i.lines.analysed),
        n(i.lines.skipped),
        n(i.lines.rejected),
        { text: i.error ?? '' },
      ]),
      new Set([2, 3, 4, 5]),
    )}</section>`,
  );
  const unknown = unrecognizedValues(s);
  if (unknown.length > 0) {
    body.push(
      `<section><h2>${h(UNRECOGNIZED_TITLE)}</h2>${table(
        ['What', 'Value', 'Sessions'],
        unknown.map(([what, r]) => [{ text: what }, { text: r.value }, n(r.sessions)]),
        new Set([2]),
      )}</section>`,
    );
  }
  if (s.rejects.total > 0) {
    body.push(
      `<section><h2>Rejected lines: ${num(s.rejects.total)}</h2>${table(
        ['Where', 'Code', 'Why'],
        s.rejects.first.map((r) => [
          { text: `${r.file}:${r.line}` },
          { text: r.code },
          { text: r.message },
        ]),
        new Set(),
      )}</section>`,
    );
  }
  body.push(`</main><footer>pan-ser report · one self-contained file, no network access</footer>`);
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${sha256(SCRIPT)}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pan-ser report</title>
<style>${STYLE}</style></head><body>
${body.join('\n')}
<script>${SCRIPT}</script>
</body></html>
`;
}
