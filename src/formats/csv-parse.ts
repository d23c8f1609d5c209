/**
 * A small RFC 4180 reader: comma separated, fields optionally in double
 * quotes with `""` for a quote, line breaks inside quoted fields, CRLF or LF
 * row ends. Each row keeps the 1-based line it starts on for error messages.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(src: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError('unterminated quoted field', rowLine);
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          throw new CsvSyntaxError(`unexpected ${JSON.stringify(src[i])} after a closing quote (a quote inside a field must be doubled)`, line);
        }
      } else {
        const start = i;
        while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"') throw new CsvSyntaxError('quote inside an unquoted field (quote the field and double the quote)', line);
          i++;
        }
        field = src.slice(start, i);
      }
      fields.push(field);
      if (i < n && src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (i < n && src[i] !== '\n') throw new CsvSyntaxError('unexpected character at end of row', line);
    i++;
    line++;
    // a blank line is not a row
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
  }
  return rows;
}
