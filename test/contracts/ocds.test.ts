import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractRowsFromOcds, OcdsFileError } from '../../subgraphs/contracts/contract.ocds.rows.js';

const sample = JSON.parse(readFileSync('test/fixtures/contracts/ocds-sample.json', 'utf8'));

/** A plain OCDS 1.1 release with none of our extensions. */
const plain = {
  releases: [{
    ocid: 'ocds-test-1',
    parties: [
      { id: 'CN-USCI-11231100MB1234567X', name: '黑河市某局', roles: ['buyer'] },
      { id: 'supplier-1', name: '某某有限公司', identifier: { scheme: 'CN-USCI', id: '91110000600037341L' }, roles: ['supplier'] },
      { id: 'other', name: '某咨询公司', roles: ['reviewBody'] },
    ],
    buyer: { id: 'CN-USCI-11231100MB1234567X', name: '黑河市某局' },
    contracts: [{
      id: 'C-1', title: '办公设备采购', dateSigned: '2024-03-01T10:00:00+08:00', value: { amount: 12345678.91, currency: 'CNY' },
      implementation: {
        milestones: [{ id: 'm1', title: '付款', dueDate: '2024-06-01T00:00:00+08:00', value: { amount: 100, currency: 'CNY' } }, { id: 'm2', title: '交付', dueDate: '2024-05-01' }],
        transactions: [{ id: 't1', date: '2024-06-01T00:00:00Z', value: { amount: 0.1 }, payer: { id: 'CN-USCI-11231100MB1234567X', name: '黑河市某局' }, payee: { id: 'supplier-1', name: '某某有限公司' } }],
      },
    }, { id: 'C-2', title: '未签合同' }],
  }],
};

describe('OCDS release package → importContracts rows', () => {
  it('turns every contract of the sample into one row, in file order', () => {
    const rows = contractRowsFromOcds(sample);
    const contracts = sample.releases.flatMap((r: any) => r.contracts);
    expect(rows.map((r) => r.id)).toEqual(contracts.map((c: any) => c.id));
    const first = rows[0]!;
    const release = sample.releases[0];
    expect(first.governmentUscc).toBe(release.buyer.id.replace('CN-USCI-', ''));
    expect(first.counterparties).toEqual(release.awards[0].suppliers.map((s: any) => ({ name: s.name, uscc: s.id.replace('CN-USCI-', ''), role: 'SUPPLIER' })));
    expect(first.milestones.length).toBe(contracts[0].implementation.milestones.length);
    expect(first.value).toBe(String(contracts[0].value.amount));
  });

  it('reads a plain OCDS file with defaults for what OCDS leaves out', () => {
    const [signed, unsigned] = contractRowsFromOcds(plain);
    expect(signed).toMatchObject({
      id: 'C-1', kind: 'GOVERNMENT_PROCUREMENT', status: 'ACTIVE', contractNumber: 'C-1', dateSigned: '2024-03-01', value: '12345678.91', currency: 'CNY',
      governmentUscc: '11231100MB1234567X', counterparties: [{ name: '某某有限公司', uscc: '91110000600037341L', role: 'SUPPLIER' }],
    });
    expect(signed!.milestones.map((m) => [m.type, m.status, m.amount, m.dueDate])).toEqual([['PAYMENT', 'SCHEDULED', '100', '2024-06-01'], ['DELIVERY', 'SCHEDULED', null, '2024-05-01']]);
    expect(signed!.payments[0]).toMatchObject({ amount: '0.1', date: '2024-06-01', payerUscc: '11231100MB1234567X', payeeUscc: null, payeeName: '某某有限公司' });
    // Missing values reach the server as they are, which rejects that row alone.
    expect(unsigned).toMatchObject({ status: 'PENDING', value: '', dateSigned: null });
  });

  it('refuses the whole file for codes outside the codelists, listing every one', () => {
    const bad: any = structuredClone(plain);
    bad.releases[0].contracts[0].implementation.milestones[0].status = 'done';
    bad.releases[0].contracts[1].status = 'signed';
    bad.releases[0].contracts[1].kind = 'grant';
    try {
      contractRowsFromOcds(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OcdsFileError);
      expect((error as OcdsFileError).problems).toHaveLength(3);
      expect((error as OcdsFileError).problems.join('\n')).toMatch(/row 1\) milestones\[0\]\.status: "done"[\s\S]*row 2\) kind: "grant"[\s\S]*row 2\) status: "signed"/);
    }
    expect(() => contractRowsFromOcds({ records: [] })).toThrow(OcdsFileError);
  });
});
