// The explorer's table as files an auditor opens in a spreadsheet: CSV (UTF-8 with a BOM, so
// Excel reads the Chinese; RFC 4180 quoting by csv-stringify) and .xlsx (exceljs).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, Table } from './tabulate.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const BOM = '\uFEFF';

/**
 * A text a spreadsheet would run as a formula (= + - @, and tab or carriage return that some
 * programs strip first) gets a leading apostrophe: a complainant's "=HYPERLINK(…)" stays text.
 * So does every line of it: a program that reads a line break inside a cell as a new row would
 * otherwise meet the formula at the start of a row.
 */
export function defuseFormula(text: string): string {
  return text.replace(/(^|[\r\n])([=+\-@\t\r])/g, (_m, before: string, mark: string) => `${before}'${mark}`);
}

const csvCell = (cell: Cell): string | number => (cell === null ? '' : typeof cell === 'number' ? cell : defuseFormula(cell));

export function tableToCsv(table: Table): Buffer {
  const records = [table.columns.map((c) => defuseFormula(c.label)), ...table.rows.map((row) => row.map(csvCell))];
  // Every text quoted, so a line break inside a cell is one (RFC 4180) for every reader.
  return Buffer.from(BOM + stringify(records, { record_delimiter: '\r\n', quoted_string: true }), 'utf8');
}

export interface ExportNote {
  operationName: string | null;
  caller: string;
  roles: string;
  exportedAt: string;
}

/** A sheet of the rows, headed in Chinese, and a sheet saying what was exported, by whom and when. */
export async function tableToXlsx(table: Table, note: ExportNote): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政务诚信数据联邦 查询台 (credit federation explorer)';
  workbook.created = new Date(note.exportedAt);
  const sheet = workbook.addWorksheet('查询结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.label, key: c.key, width: Math.min(60, Math.max(10, c.label.length * 2 + 2)) }));
  sheet.getRow(1).font = { bold: true };
  // Cells are written as values, never as formulas: exceljs stores a string as text.
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? ''));
  const about = workbook.addWorksheet('导出说明');
  about.columns = [{ header: '项目', key: 'item', width: 16 }, { header: '内容', key: 'value', width: 60 }];
  about.addRows([
    { item: '查询 (operation)', value: note.operationName ?? '（匿名查询）' },
    { item: '导出人 (caller)', value: note.caller },
    { item: '角色 (roles)', value: note.roles },
    { item: '导出时间 (at)', value: note.exportedAt },
    { item: '行数 (rows)', value: table.rows.length },
    { item: '说明 (note)', value: '个人信息按导出人的权限脱敏；本次导出已记入网关审计日志 (personal data as the caller may see it; this export is in the audit log)' },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
