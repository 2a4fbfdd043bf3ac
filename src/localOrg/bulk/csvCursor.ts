/**
 * Reading the uploaded CSV of a Bulk job a few records at a time, so that a 100,000-row job never parses (and
 * blocks the server) in one go. Record boundaries are found by scanning for line ends outside double quotes (RFC
 * 4180 doubles a quote inside a quoted field, so quote parity tells whether a line end is inside a field); each
 * slice of whole records is then parsed with csv-parse. Every upload of a job starts with the same header row.
 */
import { parse } from 'csv-parse/sync';

/** The uploads of a job are not one CSV with one header: the job fails with this message. */
export class CsvShapeError extends Error {}

export class CsvCursor {
  /** The header row (from the first upload that has one). */
  public header: string[] | undefined;
  private upload = 0;
  private position = 0;
  private headerRead = false;

  public constructor(
    private readonly uploads: string[],
    private readonly delimiter: string
  ) {}

  /** Up to `count` data records (fewer at the end); [] once every upload is read. */
  public next(count: number): string[][] {
    const out: string[][] = [];
    while (out.length < count && this.upload < this.uploads.length) {
      const text = this.uploads[this.upload];
      if (!this.headerRead) {
        const end = this.recordEnd(text, this.position, 1);
        if (end === this.position) {
          this.nextUpload();
          continue;
        }
        const [header] = this.parse(text.slice(this.position, end));
        this.position = end;
        this.headerRead = true;
        if (!header) continue;
        if (this.header && header.join('\u0000') !== this.header.join('\u0000')) {
          throw new CsvShapeError('InvalidBatch : All uploads of a job must have the same header row');
        }
        this.header ??= header;
      }
      const end = this.recordEnd(text, this.position, count - out.length);
      if (end === this.position) {
        this.nextUpload();
        continue;
      }
      const records = this.parse(text.slice(this.position, end));
      const width = this.header?.length ?? 0;
      const bad = records.find((record) => record.length !== width);
      if (bad) {
        throw new CsvShapeError(
          `InvalidBatch : A row has ${bad.length} fields where the header has ${width}: ${bad.join(',').slice(0, 80)}`
        );
      }
      out.push(...records);
      this.position = end;
    }
    return out;
  }

  /** Skips `count` data records (a job resumed after a restart skips the rows already applied). */
  public skip(count: number): void {
    let left = count;
    while (left > 0) {
      const skipped = this.next(Math.min(left, 1000)).length;
      if (skipped === 0) return;
      left -= skipped;
    }
  }

  private nextUpload(): void {
    this.upload++;
    this.position = 0;
    this.headerRead = false;
  }

  /** The offset after `records` whole records from `start` (or the end of the text). */
  private recordEnd(text: string, start: number, records: number): number {
    let quoted = false;
    let found = 0;
    for (let index = start; index < text.length; index++) {
      const char = text.charCodeAt(index);
      if (char === 34) quoted = !quoted;
      else if (char === 10 && !quoted && ++found === records) return index + 1;
    }
    return text.length;
  }

  private parse(slice: string): string[][] {
    try {
      return parse(slice, {
        delimiter: this.delimiter,
        bom: true,
        relax_column_count: false,
        skip_empty_lines: true
      }) as string[][];
    } catch (error) {
      throw new CsvShapeError(`InvalidBatch : ${(error as Error).message}`);
    }
  }
}
