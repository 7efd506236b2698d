// npm run import:contracts -- FILE: imports an OCDS release package (JSON) into the contract
// ledger through importContracts, in batches (one transaction each), with a progress bar.
import { runImportCli } from './lib/import-cli.js';
import { contractRowsFromOcds, OcdsFileError, type OcdsContractRow } from '../subgraphs/contracts/contract.ocds.rows.js';

try {
  await runImportCli<OcdsContractRow>({
    name: 'import:contracts',
    description: '导入 OCDS 合同发布包到合同履行情况台账 (import an OCDS release package into the contract ledger; row N = the N-th contract)',
    mutation: 'mutation($rows: [ContractInput!]!) { importContracts(rows: $rows) { accepted updated unchanged rejected errors { row field code message } } }',
    resultField: 'importContracts',
    role: 'FINANCE',
    defaultBatchSize: 500,
    toRows(content, format) {
      if (format !== 'json') throw new OcdsFileError(['OCDS 发布包应为 JSON 文件 (an OCDS release package is a JSON file)']);
      return contractRowsFromOcds(content);
    },
  });
} catch (error) {
  if (!(error instanceof OcdsFileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
