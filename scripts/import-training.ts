// npm run import:training -- FILE [--url] [--token] [--batch-size] — attendance rows (CSV or JSON):
// idNumber,sessionId,organizationUscc,hours,passed,score. ID numbers become pseudonyms in the subgraph.
import { runImportCli } from './lib/import-cli.js';

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '合格']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '不合格']);

/** CSV cells are text: numbers and yes/no become typed values; a cell that is neither stops the file before anything is sent. */
function fromCsv(records: Array<Record<string, string>>): unknown[] {
  const problems: string[] = [];
  const number = (value: string | undefined, row: number, field: string) => {
    if (value === undefined || value === '') return null;
    const n = Number(value);
    if (Number.isNaN(n)) problems.push(`row ${row} [${field}]: "${value.slice(0, 20)}" is not a number`);
    return n;
  };
  const rows = records.map((record, index) => {
    const passed = (record.passed ?? '').trim().toLowerCase();
    if (!TRUE.has(passed) && !FALSE.has(passed)) problems.push(`row ${index + 1} [passed]: "${passed.slice(0, 20)}" is not true/false, 1/0, 是/否 or 合格/不合格`);
    return {
      idNumber: record.idNumber ?? '',
      sessionId: record.sessionId ?? '',
      organizationUscc: record.organizationUscc ?? '',
      hours: number(record.hours, index + 1, 'hours'),
      passed: TRUE.has(passed),
      score: number(record.score, index + 1, 'score'),
    };
  });
  if (problems.length > 0) throw new Error(`the file was not sent (文件未导入):\n${problems.slice(0, 50).join('\n')}`);
  return rows;
}

await runImportCli({
  name: 'import:training',
  description: '导入参训记录 (import training attendance); columns idNumber,sessionId,organizationUscc,hours,passed,score',
  mutation: 'mutation($rows: [TrainingAttendanceInput!]!) { importTrainingAttendance(rows: $rows) { accepted updated unchanged rejected errors { row field code message } } }',
  resultField: 'importTrainingAttendance',
  role: 'TRAINING',
  toRows: (content, format) => {
    if (format === 'csv') return fromCsv(content as Array<Record<string, string>>);
    const rows = Array.isArray(content) ? content : (content as { rows?: unknown }).rows;
    if (!Array.isArray(rows)) throw new Error('a JSON file holds an array of rows or { "rows": [...] } (JSON 文件应为行数组)');
    return rows;
  },
}).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
