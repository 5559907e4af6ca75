// Escaping of log-derived text for each output medium. Log fields are attacker-controlled: a
// user name can hold ANSI/OSC sequences, a URL can hold `<script>`, a rule name can start with
// `=`. The model keeps raw values; renderers call these at the last moment.

// C0 controls (but not \t \n handled separately), DEL, C1 controls, Unicode bidi marks (the
// Arabic letter mark too), overrides and isolates that can reorder what a terminal shows, and
// the Unicode line / paragraph separators.
const TERMINAL_UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Makes text safe to print on a terminal: control characters become visible `\xNN` escapes. */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** HTML text and attribute escaping. */
export function escapeHtml(text: string): string {
  return escapeTerminal(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CSV cell: defused against spreadsheet formulas, quoted when needed. */
export function escapeCsvCell(text: string): string {
  let v = text;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Markdown table cell text: pipes, backticks and markup characters escaped, one line. `&` too:
 * rendered Markdown decodes character references, so `&#x202E;` would bring back a bidi override.
 * And `$`: GitHub renders `$…$` as math, which can draw any text over the real value.
 */
export function escapeMarkdown(text: string): string {
  return escapeTerminal(text).replace(/[\\`*_{}[\]<>|#!~&$]/g, (c) => `\\${c}`);
}
