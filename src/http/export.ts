import writeExcelFile from 'write-excel-file/node';
import { LABELS } from '../contract/labels.js';
import type { Language } from '../domain/people.js';
import { formatDate } from '../i18n/slaExplanation.js';
import { hasMessage, translator } from '../i18n/translator.js';

type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

/** A report as a person reads it: headers and values in their language, numbers left as numbers. */
export interface ReadableTable {
  headers: string[];
  rows: Cell[][];
}

/** Columns whose values are the domain's codes, and the labels people know them by. */
const VALUE_LABELS = {
  level: 'levels',
  severity: 'severities',
  status: 'statuses',
  channel: 'channels',
} as const;

/** Columns that hold a calendar day: written as the reader writes dates (31.12.2026 in Russian). */
const DAY_COLUMNS = new Set(['validTo']);

export function readableTable(rows: ReportRow[], language: Language): ReadableTable {
  const t = translator(language);
  const keys = Object.keys(rows[0] ?? {});
  const cell = (key: string, value: Cell): Cell => {
    if (typeof value !== 'string') return value;
    const labels =
      key in VALUE_LABELS ? LABELS[language][VALUE_LABELS[key as keyof typeof VALUE_LABELS]] : null;
    if (labels) return (labels as Record<string, string>)[value] ?? value;
    if (key === 'age' && hasMessage(`report_ages.${value}`)) return t(`report_ages.${value}`);
    if (DAY_COLUMNS.has(key) && /^\d{4}-\d\d-\d\d$/.test(value)) return formatDate(value, language);
    return value;
  };
  return {
    headers: keys.map((key) => (hasMessage(`report_columns.${key}`) ? t(`report_columns.${key}`) : key)),
    rows: rows.map((row) => keys.map((key) => cell(key, row[key] ?? null))),
  };
}

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first) is
 * given a leading apostrophe: a customer's name in a report must never execute (CSV injection).
 */
export function neutralize(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The separator a spreadsheet in the reader's locale expects: `;` where the decimal mark is a comma. */
export const csvSeparatorFor = (language: Language): ';' | ',' => (language === 'ru' ? ';' : ',');

function csvField(value: Cell, separator: string): string {
  const text = value === null ? '' : String(neutralize(value));
  const quoted = /["\n\r]/.test(text) || text.includes(separator);
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as spreadsheets read it when opened directly: UTF-8 with a byte-order mark, CRLF line ends. */
export function toCsv(table: ReadableTable, separator: ';' | ','): string {
  const lines = [table.headers, ...table.rows].map((row) =>
    row.map((value) => csvField(value, separator)).join(separator),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(sheet: string, table: ReadableTable): Promise<Buffer> {
  const header = table.headers.map((value) => ({ value, fontWeight: 'bold' as const }));
  const rows = table.rows.map((row) => row.map((value) => ({ value: neutralize(value) ?? undefined })));
  return writeExcelFile([header, ...rows], {
    sheet: sheet.slice(0, 31),
    columns: table.headers.map(() => ({ width: 20 })),
  }).toBuffer();
}
