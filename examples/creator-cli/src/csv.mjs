/** A small RFC 4180 CSV reader (quoted fields, "" escapes, CRLF); errors name the file and line. */
import { CliError } from './errors.mjs';

/** Rows of `text` as arrays of strings, with their 1-based line numbers. */
export function parseCsv(text, file) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push({ line: rowLine, fields: row });
      row = [];
      field = '';
      rowLine = ++line;
    } else field += c;
  }
  if (quoted) throw new CliError(`${file}, line ${rowLine}: unterminated quoted field`);
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push({ line: rowLine, fields: row });
  return rows;
}
