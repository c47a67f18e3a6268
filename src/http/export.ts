import ExcelJS from 'exceljs';

type Cell = string | number | null;

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first) is
 * given a leading apostrophe: a customer's name in a report must never execute (CSV injection).
 */
export function neutralize(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  const text = value === null ? '' : String(neutralize(value));
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as spreadsheets in Russian locales read it: UTF-8 with a byte-order mark, CRLF line ends. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  return `\uFEFF${[headers, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(sheet: string, headers: string[], rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31));
  worksheet.addRow(headers).font = { bold: true };
  for (const row of rows) worksheet.addRow(row.map(neutralize));
  worksheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
