import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/**
 * The first bad row of a CSV import. Rows are numbered from 1 with the header as row 1 (a
 * record whose quoted field spans lines is one row). `column` is null for a malformed line.
 */
export class CsvRowError extends Error {
  constructor(
    readonly row: number,
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(`Dòng ${row}${column ? `, cột ${column}` : ''}: ${reason}`);
  }
}

export type CsvRowErrorBody = {
  error: {
    code: 'CSV_ROW_INVALID';
    message: string;
    field: string;
    details: { row: number; column: string | null; reason: string; rowNumbering: string };
  };
};

/** The API's error format plus `details` (row, column, reason); only on the import controller. */
@Catch(CsvRowError)
export class CsvRowErrorFilter implements ExceptionFilter {
  catch(e: CsvRowError, host: ArgumentsHost): void {
    const body: CsvRowErrorBody = {
      error: {
        code: 'CSV_ROW_INVALID',
        message: `${e.message} — tệp bị từ chối, không dòng nào được ghi`,
        field: e.column ? `row ${e.row}, column ${e.column}` : `row ${e.row}`,
        details: {
          row: e.row,
          column: e.column,
          reason: e.reason,
          rowNumbering: 'dòng tiêu đề là dòng 1 (header = row 1)',
        },
      },
    };
    host.switchToHttp().getResponse<Response>().status(400).json(body);
  }
}
