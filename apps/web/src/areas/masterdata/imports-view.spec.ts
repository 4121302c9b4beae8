import { contentTypeOf, importErrorText, progressText, XLSX_TYPE } from './imports-view';

describe('the outcome of a spreadsheet import (issue 10 §imports: a rejected file shows the row and column)', () => {
  it('should name the row, the column by the file’s own header and the cell of a refused row', () => {
    expect(
      importErrorText({
        message: "Dòng 3, cột birth_date: '30/02/1995': phải là ngày có thật — tệp bị từ chối, không dòng nào được ghi",
        field: 'row 3, column birth_date',
        details: {
          row: 3,
          column: 'birth_date',
          header: 'Ngày sinh',
          cell: 'B3',
          reason: "'30/02/1995': phải là ngày có thật",
        },
      }),
    ).toBe(
      "Dòng 3, cột Ngày sinh (ô B3): '30/02/1995': phải là ngày có thật — tệp bị từ chối, không dòng nào được ghi",
    );
  });

  it('should name a refused header (row 1) from the field the API names', () => {
    expect(
      importErrorText({ message: "'Quê quán': cột không có", field: 'row 1, column Quê quán', details: undefined }),
    ).toBe("Dòng 1, cột Quê quán: 'Quê quán': cột không có");
  });

  it('should show rows done over the total, and say when the total is still being counted', () => {
    expect(progressText(1200, 5000)).toBe('1.200 / 5.000 dòng');
    expect(progressText(0, null)).toBe('0 dòng (đang đếm tổng số dòng)');
  });

  it('should send a file with the type of its extension', () => {
    expect(contentTypeOf('Danh sach.CSV')).toBe('text/csv');
    expect(contentTypeOf('a.xlsx')).toBe(XLSX_TYPE);
    expect(contentTypeOf('a.xls')).toBeNull();
  });
});
