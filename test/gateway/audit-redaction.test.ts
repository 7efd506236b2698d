// What the audit log keeps of a request's variables (platform/audit/personal-fields.ts redactVariables):
// the values of input fields the schema tags personal, found by the variables' declared types; the
// floor by key and shape that needs no tag; and a removed value wherever it recurs beside it (security
// review 2026-12-01: an import's officialName was kept in clear, its redaction matched idNumber only).
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { personalFieldsOf, redactVariables } from '../../platform/audit/personal-fields.js';

const SDL = `
  directive @tag(name: String!) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
  input RecordIn { officialName: String @tag(name: "personal") facts: String documentNumber: String attachments: [AttachmentIn!] }
  input AttachmentIn { signer: String @tag(name: "personal") title: String }
  type Query { ok: Int }
  type Mutation { importRecords(records: [RecordIn!]!, note: String): Int }
`;
const schema = buildSchema(SDL);
const personal = personalFieldsOf(SDL);
const operation = parse('mutation($r: [RecordIn!]!, $note: String, $idNumber: String) { importRecords(records: $r, note: $note) }').definitions[0] as OperationDefinitionNode;
const redact = (variables: Record<string, unknown>) => redactVariables(variables, { schema, operation, personal }) as any;

describe('the audit log\'s variables', () => {
  it('reads the input fields tagged personal from the schema', () => {
    expect([...personal].sort()).toEqual(['AttachmentIn.signer', 'RecordIn.officialName']);
  });

  it('redacts a tagged input field by the variable\'s declared type, in lists and nested inputs, and the value where it recurs beside it', () => {
    const logged = redact({
      r: [
        { officialName: '张三', facts: '给予张三党内警告处分', documentNumber: '孙纪处〔2026〕3号', attachments: [{ signer: '李四', title: '李四签发' }] },
        { officialName: null, facts: '无', documentNumber: '孙纪处〔2026〕4号' },
      ],
      note: '张三',
    });
    expect(logged.r[0]).toEqual({ officialName: '[REDACTED]', facts: '给予[REDACTED]党内警告处分', documentNumber: '孙纪处〔2026〕3号', attachments: [{ signer: '[REDACTED]', title: '[REDACTED]签发' }] });
    expect(logged.r[1]).toEqual({ officialName: null, facts: '无', documentNumber: '孙纪处〔2026〕4号' });
    // Only beside it: another variable is not searched (a note that merely says 张三 is no field of the row).
    expect(logged.note).toBe('张三');
  });

  it('keeps the floor that needs no tag: personal-looking keys and ID or mobile numbers anywhere', () => {
    const logged = redact({ idNumber: 'x', note: '13812345678', r: [{ documentNumber: '110105194912310021', facts: '联系 13812345678' }] });
    expect(logged.idNumber).toBe('[REDACTED]');
    expect(logged.note).toBe('[REDACTED]');
    expect(logged.r[0].documentNumber).toBe('[REDACTED]');
    expect(redactVariables({ name: '王五', other: 'kept' })).toEqual({ name: '[REDACTED]', other: 'kept' });
  });

  it('removes nothing shorter than two characters from the texts beside a redacted value', () => {
    expect(redact({ r: [{ officialName: '王', facts: '王家屯村' }] }).r[0]).toEqual({ officialName: '[REDACTED]', facts: '王家屯村' });
  });
});
