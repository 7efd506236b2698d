// npm run import:dishonesty -- FILE --token JWT [--url http://127.0.0.1:4000/graphql] [--batch-size 2000] [--format json|csv]
// Imports government dishonesty records (政务失信记录: JSON or CSV in the import's field names) with
// the deciding system's token: COURT judgments, a unit's ORGANIZATION token its own administrative
// penalties, PERSONNEL disciplinary sanctions and accountability decisions, AUDITOR any kind. The
// token (--token or CREDIT_TOKEN) is required: there is no development default, which would have
// sent every file as the credit office (AUDITOR), the one role that may send any kind.
import { recordRowsFrom } from '../subgraphs/dishonesty-records/record.rows.js';
import { runImportCli } from './lib/import-cli.js';

await runImportCli({
  name: 'import:dishonesty',
  description: '导入政务失信记录 (import government dishonesty records: JSON or CSV, idempotent by authority and document number)',
  mutation: `mutation($rows: [DishonestyRecordInput!]!) {
    importDishonestyRecords(records: $rows) { accepted updated unchanged rejected errors { row field code rule message } }
  }`,
  resultField: 'importDishonestyRecords',
  tokenHint: 'COURT, a unit\'s ORGANIZATION token, PERSONNEL or AUDITOR',
  toRows: (content) => recordRowsFrom(content),
  defaultBatchSize: 2_000,
});
