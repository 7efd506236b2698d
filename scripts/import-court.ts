// npm run import:court -- FILE [--url http://127.0.0.1:4003/graphql] [--token JWT] [--batch-size 2000] [--format json|csv]
// Imports a court's dishonest-debtor list (JSON or CSV in the list's own field names) with role COURT.
import { courtRowsFrom } from '../subgraphs/court-debtors/record.rows.js';
import { runImportCli } from './lib/import-cli.js';

await runImportCli({
  name: 'import:court',
  description: '导入法院失信被执行人名单 (import a court\'s dishonest-debtor list: JSON or CSV, idempotent by case number)',
  mutation: `mutation($rows: [DebtorRecordInput!]!) {
    importDebtorRecords(records: $rows) { accepted updated unchanged rejected errors { row field code message } }
  }`,
  resultField: 'importDebtorRecords',
  role: 'COURT',
  toRows: (content) => courtRowsFrom(content),
  defaultBatchSize: 2_000,
});
