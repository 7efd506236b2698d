// The explorer's saved audit questions stay valid against the supergraph (a schema change that
// breaks one fails here, not in an auditor's hands), each with its documented header; and the
// table and files the explorer exports: Chinese headers from the descriptions, CSV quoting and
// formula defusing, an .xlsx that reads back.
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { getOperationAST, getVariableValues, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defuseFormula, tableToCsv, tableToXlsx } from '../../gateway/explorer/files.js';
import { MAX_CELLS, MAX_COLUMNS } from '../../gateway/explorer/tabulate.js';
import { loadQuestions, parseQuestion } from '../../gateway/explorer/questions.js';
import { chineseLabel, planTable, tabulate } from '../../gateway/explorer/tabulate.js';
import { SUPERGRAPH_FILE } from '../../scripts/lib/subgraphs.js';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
const questions = loadQuestions();
const operationOf = (query: string) => {
  const document = parse(query);
  return { document, operation: getOperationAST(document) as OperationDefinitionNode };
};

describe('saved audit questions', () => {
  it('are at least five, with distinct ids and operation names', () => {
    expect(questions.length).toBeGreaterThanOrEqual(5);
    const names = questions.map((q) => operationOf(q.query).operation?.name?.value);
    expect(new Set(names).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  for (const question of questions) {
    describe(question.id, () => {
      it('has its header: a Chinese title, an English title, a purpose, a seed paragraph and variables', () => {
        expect(question.title).toMatch(/\p{Script=Han}/u);
        expect(question.titleEn).toMatch(/^[A-Z][\x20-\x7e]+$/);
        expect(question.purpose.length).toBeGreaterThan(20);
        expect(question.seed).toMatch(/§|任务/);
        expect(Object.keys(question.variables).length).toBeGreaterThan(0);
      });

      it('is one named query that validates against the supergraph API schema', () => {
        const document = parse(question.query);
        const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
        expect(operations).toHaveLength(1);
        const operation = operations[0] as OperationDefinitionNode;
        expect(operation.operation).toBe('query');
        expect(operation.name?.value).toMatch(/^[A-Z]\w+$/);
        expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      });

      it('declares the variables its header gives, with values of the declared types', () => {
        const { operation } = operationOf(question.query);
        const declared = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value).sort();
        expect(Object.keys(question.variables).sort()).toEqual(declared.filter((name) => name in question.variables));
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], question.variables);
        expect(coerced.errors?.map((e) => e.message)).toBeUndefined();
      });

      it('tabulates to rows of a list with Chinese headers', () => {
        const { document, operation } = operationOf(question.query);
        const plan = planTable(schema, document, operation);
        expect(plan.rowPath.length).toBeGreaterThanOrEqual(1);
        expect(plan.columns.length).toBeGreaterThan(3);
        // Every header is from a description: Chinese, not a field name.
        for (const column of plan.columns) expect(column.label, column.key).toMatch(/\p{Script=Han}/u);
      });
    });
  }

  it('a header without variables, or with variables that are not JSON, is refused by name', () => {
    expect(() => parseQuestion('x', '# 标题: 测试\n# Title: Test\n# 用途 (purpose): 为了测试而写的一段说明文字\nquery X { regions { code } }')).toThrow(/变量 \(variables\)/);
    expect(() => parseQuestion('x', '# 标题: 测试\n# Title: Test\n# 用途 (purpose): 说明\n# 变量 (variables): {nope}\nquery X { regions { code } }')).toThrow(/not JSON/);
  });

  it('reads a purpose continued over several comment lines', () => {
    const question = parseQuestion('x', '# 标题: 测试\n# Title: Test\n# 用途 (purpose): 第一行\n#   第二行\n# 变量 (variables): {}\nquery X { regions { code } }');
    expect(question.purpose).toBe('第一行 第二行');
  });
});

describe('the explorer table', () => {
  it('takes the Chinese part of a description, cut at its first clause, keeping units', () => {
    expect(chineseLabel('姓名；公众仅见脱敏形式如"王*明" (name; masked like 王*明 unless AUDITOR or ADMIN)')).toBe('姓名');
    expect(chineseLabel('合同金额（元），精确到分的十进制字符串 (CNY, an exact decimal string)')).toBe('合同金额（元）');
    expect(chineseLabel('决定日期 YYYY-MM-DD (decision date)')).toBe('决定日期');
    expect(chineseLabel('惩戒期限届满日（期限最后一日，民法典第二百零一、二百零二条） (last day)')).toBe('惩戒期限届满日');
    expect(chineseLabel('文号：发文字号如 (2026)黑11民初123号 (document number)')).toBe('文号');
    expect(chineseLabel(undefined)).toBeUndefined();
  });

  it('makes rows of a connection\'s nodes, nested objects as dotted columns, lists joined in one cell', () => {
    const { document, operation } = operationOf(`query T { contracts(first: 2) { totalCount pageInfo { hasNextPage } edges { node { title value: arrearsAmount governmentParty { uscc region { name } } breaches { remedied } } } } }`);
    const table = tabulate(schema, document, operation, {
      contracts: {
        totalCount: 2,
        pageInfo: { hasNextPage: false },
        edges: [
          { node: { title: '=1+1', value: '10.00', governmentParty: { uscc: 'U1', region: { name: '孙吴县' } }, breaches: [{ remedied: true }, { remedied: false }] } },
          { node: { title: '合同二', value: '0.00', governmentParty: null, breaches: [] } },
        ],
      },
    });
    expect(table.columns.map((c) => c.key)).toEqual(['title', 'value', 'governmentParty.uscc', 'governmentParty.region.name', 'breaches.remedied']);
    expect(table.columns.map((c) => c.label)).toEqual(['合同名称', '政府方拖欠金额（元）', '政府方·统一社会信用代码', '政府方·所在行政区划·名称', '违约记录·是否已纠正']);
    expect(table.rows).toEqual([
      ['=1+1', '10.00', 'U1', '孙吴县', '是；否'],
      ['合同二', '0.00', null, null, null],
    ]);
  });

  it('makes rows of a root list, and keeps numbers as numbers', () => {
    const { document, operation } = operationOf(`{ regions(parentCode: "231100") { code name officialCount } }`);
    const table = tabulate(schema, document, operation, { regions: [{ code: '231124', name: '孙吴县', officialCount: 7 }] });
    expect(table.rows).toEqual([['231124', '孙吴县', 7]]);
  });

  it('writes CSV with a BOM, CRLF, RFC 4180 quoting and defused formulas', () => {
    const csv = tableToCsv({ columns: [{ key: 'a', label: '名称' }, { key: 'b', label: '说明' }, { key: 'c', label: '数' }], rows: [['=HYPERLINK("http://x")', '含,逗号 "引号"\n换行', -3], ['@SUM(A1)', null, 0]] });
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    expect(parseCsv(text)).toEqual([
      ['名称', '说明', '数'],
      [`'=HYPERLINK("http://x")`, '含,逗号 "引号"\n换行', '-3'],
      [`'@SUM(A1)`, '', '0'],
    ]);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(defuseFormula('孙吴县')).toBe('孙吴县');
  });

  it('quotes every text cell and defuses a formula after a line break (a complaint "科员\\n=cmd|…")', () => {
    const csv = tableToCsv({ columns: [{ key: 'a', label: '内容' }], rows: [["科员\n=cmd|' /C calc'!A0"], ['a\r+1'], ['plain']] }).toString('utf8').slice(1);
    // no line of the file starts with a formula mark, whatever a reader takes for a row
    for (const line of csv.split(/\r\n|\r|\n/)) expect(line, JSON.stringify(line)).not.toMatch(/^[=+\-@]/);
    expect(parseCsv(csv)).toEqual([['内容'], ["科员\n'=cmd|' /C calc'!A0"], ["a\r'+1"], ['plain']]);
    expect(csv).toContain('"plain"');
  });

  it('expands a fragment once per selection set: a chain that doubles at each step, and a cycle, end at once', () => {
    const steps = 24; // 2^24 expansions if each spread were expanded again
    const chain = Array.from({ length: steps }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join('\n');
    const { document, operation } = operationOf(`query C { regions(parentCode: "231100") { ...F${steps} } }\nfragment F0 on Region { code name }\n${chain}`);
    const started = Date.now();
    const table = tabulate(schema, document, operation, { regions: [{ code: '231124', name: '孙吴县' }] });
    expect(table.rows).toEqual([['231124', '孙吴县']]);
    expect(Date.now() - started).toBeLessThan(5_000); // a bound on runaway work, not a speed figure
    const cycle = operationOf('query Q { regions(parentCode: "231100") { ...A } } fragment A on Region { code ...B } fragment B on Region { name ...A }');
    expect(tabulate(schema, cycle.document, cycle.operation, { regions: [] }).columns.map((c) => c.key)).toEqual(['code', 'name']);
  });

  it('drops fields under @skip(if: true) / @include(if: false), and refuses tables beyond its bounds', () => {
    const { document, operation } = operationOf('query S { regions(parentCode: "231100") { code name @skip(if: true) officialCount @include(if: false) } }');
    expect(tabulate(schema, document, operation, { regions: [] }).columns.map((c) => c.key)).toEqual(['code']);
    const wide = operationOf(`query W { regions(parentCode: "231100") { ${Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `a${i}: code`).join(' ')} } }`);
    expect(() => tabulate(schema, wide.document, wide.operation, { regions: [] })).toThrow(/列数超过/);
    const many = operationOf('query M { regions(parentCode: "231100") { code name } }');
    expect(() => tabulate(schema, many.document, many.operation, { regions: Array.from({ length: MAX_CELLS / 2 + 1 }, () => ({})) })).toThrow(/单元格/);
    // lists nested deeper than any result are not followed (no stack overflow from a posted result)
    let deep: unknown = [{ code: 'x' }];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(tabulate(schema, many.document, many.operation, { regions: deep }).rows).toEqual([]);
  });

  it('writes an .xlsx whose first sheet has the Chinese headers and the rows as values', async () => {
    const file = await tableToXlsx({ columns: [{ key: 'a', label: '名称' }, { key: 'b', label: '金额' }], rows: [['=1+1', 12.5], ['孙吴县', null]] }, { operationName: 'T', caller: 'auditor-1', roles: 'AUDITOR', exportedAt: '2026-11-22T00:00:00.000Z' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const sheet = workbook.getWorksheet('查询结果')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '金额']);
    expect(sheet.getRow(2).values).toEqual([undefined, '=1+1', 12.5]); // text, not a formula
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(1).value).toBe('孙吴县');
    expect(workbook.getWorksheet('导出说明')!.getColumn(2).values).toContain('auditor-1');
  });
});
