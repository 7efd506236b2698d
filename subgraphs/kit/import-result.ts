import { GraphQLError } from 'graphql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '导入中被拒绝的一行 (a rejected import row)' })
@Directive('@shareable')
export class ImportRowError {
  @Field(() => Int, { description: '行号，从1开始 (row number, from 1)' })
  row!: number;

  @Field(() => String, { nullable: true, description: '出错的字段 (the field at fault)' })
  field!: string | null;

  @Field(() => String, { description: '错误代码 (error code)' })
  code!: string;

  @Field(() => String, { nullable: true, description: '违反的规则，如 CHECK_DIGIT、CASE_NUMBER (the rule broken, e.g. CHECK_DIGIT)' })
  rule?: string | null;

  @Field(() => String, { description: '原因，中文在前英文在后 (reason, Chinese then English)' })
  message!: string;
}

@ObjectType({ description: '批量导入结果 (result of a bulk import)' })
@Directive('@shareable')
export class ImportResult {
  @Field(() => Int, { description: '新增的行数 (rows inserted)' })
  accepted = 0;

  @Field(() => Int, { description: '更新的行数 (rows that changed an existing record)' })
  updated = 0;

  @Field(() => Int, { description: '与现有记录相同、未作改动的行数 (rows identical to the stored record)' })
  unchanged = 0;

  @Field(() => Int, { description: '被拒绝的行数 (rows rejected)' })
  rejected = 0;

  @Field(() => [ImportRowError], { description: '每一行被拒绝的原因 (why each rejected row was rejected)' })
  errors: ImportRowError[] = [];

  @Field(() => [ImportRowError], { description: '已接收但需注意的行，如早期试点代码 (accepted rows that were flagged, e.g. early pilot codes)' })
  warnings: ImportRowError[] = [];

  warn(row: number, message: string, field: string | null, code: string): void {
    this.warnings.push({ row, field, code, message });
  }

  /** Records a rejected row from a validation error (GraphQLError with field/rule) or a message. */
  reject(row: number, error: unknown, field: string | null = null): void {
    this.rejected++;
    if (error instanceof GraphQLError) {
      this.errors.push({
        row,
        field: (error.extensions.field as string | undefined) ?? field,
        code: (error.extensions.code as string | undefined) ?? 'BAD_USER_INPUT',
        rule: (error.extensions.rule as string | undefined) ?? null,
        message: error.message,
      });
    } else {
      this.errors.push({ row, field, code: 'BAD_USER_INPUT', message: String(error) });
    }
  }
}

export const MAX_IMPORT_ROWS = 10_000;

/**
 * A bulk mutation takes at most MAX_IMPORT_ROWS rows; the CLIs split larger files. `field` is the
 * mutation's own argument (`rows`, `records`, `cases`): the error names what the caller sent.
 */
export function rejectOversizedImport(rows: unknown[], field: string): void {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new GraphQLError(`每次最多导入${MAX_IMPORT_ROWS}行，实际${rows.length}行 (at most ${MAX_IMPORT_ROWS} rows per call, got ${rows.length})`, {
      extensions: { code: 'BAD_USER_INPUT', field, rule: 'TOO_MANY_ROWS' },
    });
  }
}

/** For single-row mutations built on an import: the row's error becomes the request's error. */
export function throwFirstRowError(result: ImportResult): void {
  const first = result.errors[0];
  if (first) throw new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT', field: first.field, rule: first.code } });
}
