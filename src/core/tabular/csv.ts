/**
 * An RFC 4180 CSV reader that takes text in chunks and yields complete rows,
 * so a file of any size streams through in constant memory. Quoted fields may
 * hold commas, quotes ("") and line breaks; CRLF and LF both end a row.
 */
export class CsvReader {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A quote seen inside quotes: either an escaped quote or the field's end, decided by the next character. */
  private quotePending = false;
  private lastWasCr = false;
  private started = false;

  /** Feed a chunk; returns the rows it completed. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (!this.started) {
        this.started = true;
        if (ch === '\uFEFF') continue; // byte-order mark that Excel writes
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (ch === '"') this.quotePending = true;
        else this.field += ch;
        continue;
      }
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (ch === '\n') continue;
      }
      switch (ch) {
        case '"':
          if (this.field === '') this.inQuotes = true;
          else this.field += ch;
          break;
        case ',':
          this.row.push(this.field);
          this.field = '';
          break;
        case '\r':
        case '\n':
          // CR, LF and CRLF all end a row; the LF of a CRLF is skipped above.
          this.lastWasCr = ch === '\r';
          this.row.push(this.field);
          this.field = '';
          rows.push(this.row);
          this.row = [];
          break;
        default:
          this.field += ch;
      }
    }
    return rows;
  }

  /** End of input: the last row if the file did not end with a line break. */
  end(): string[][] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.field === '' && this.row.length === 0) return [];
    this.row.push(this.field);
    const last = this.row;
    this.field = '';
    this.row = [];
    return [last];
  }
}

/** Quote a value for CSV when it needs it. */
export const csvCell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const csvLine = (values: unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;
