// Splits one line of comma-separated text into fields, RFC 4180 style, with csv-parse's
// `relax_quotes` semantics (a quote inside an unquoted field is kept as text). Pure; no I/O.
// Differential tests hold it equal to csv-parse on every line both accept.

export class SplitError {
  constructor(
    readonly code: 'UNTERMINATED_QUOTE',
    /** 1-based character position where the problem starts. */
    readonly column: number,
  ) {}
}

export function splitLine(line: string): string[] | SplitError {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      const open = i;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return new SplitError('UNTERMINATED_QUOTE', open + 1);
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      if (i < n && line.charCodeAt(i) !== 44 /* , */) {
        // Text after the closing quote: like csv-parse (relax_quotes), keep the quotes as text
        // and read on to the next comma as an unquoted field.
        const c = line.indexOf(',', i);
        const end = c < 0 ? n : c;
        value = '"' + value + '"' + line.slice(i, end);
        i = end;
      }
      out.push(value);
      if (i === n) return out;
      i++;
      if (i === n) {
        out.push('');
        return out;
      }
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
      if (i === n) {
        out.push('');
        return out;
      }
    }
  }
}
