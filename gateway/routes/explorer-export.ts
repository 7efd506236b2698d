import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import { getOperationAST, GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { AuditEntry, blankedOperation, CreditError, personalValuesReturned, printable, redactVariables, type SubgraphOrm } from '../../platform/index.js';
import { createGatewayContext, type GatewayContext } from '../context.js';
import { CONTENT_TYPES, EXPORT_FORMATS, tableToCsv, tableToXlsx, type ExportFormat } from '../explorer/files.js';
import { tabulate } from '../explorer/tabulate.js';
import { STATUS_OF } from '../http-errors.js';
import { callerSizedJson } from './graphql.js';
import { clientAddress, guardedCaller } from './guard.js';

export interface ExplorerExportOptions {
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  audit: SubgraphOrm;
  personalFields: () => Set<string>;
  maxBody: { anonymous: number; authenticated: number };
  parseOptions: { maxTokens: number };
}

const bad = (zh: string, en: string, field?: string) => new CreditError('BAD_USER_INPUT', zh, en, field ? { field } : {});

interface OperationRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** The body's query, variables and operation name, checked and parsed (with the gateway's token limit). */
function operationFrom(body: unknown, parseOptions: { maxTokens: number }): OperationRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('请求体应为 JSON 对象', 'the body must be a JSON object');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw bad('缺少查询语句 query', 'query is missing', 'query');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) throw bad('variables 应为 JSON 对象', 'variables must be a JSON object', 'variables');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw bad('operationName 应为字符串', 'operationName must be a string', 'operationName');
  let document: DocumentNode;
  try {
    document = parse(query, parseOptions);
  } catch (error) {
    const detail = error instanceof GraphQLError ? error.message : 'unreadable';
    throw new GraphQLError(`查询语句无法解析 (the query could not be parsed: ${detail.slice(0, 200)})`, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
  const operation = getOperationAST(document, (operationName as string | null | undefined) ?? undefined);
  if (!operation) throw bad('请指定要导出的操作（operationName）', 'name the operation to export: the document has none or several', 'operationName');
  return { query, variables: (variables as Record<string, unknown> | null | undefined) ?? {}, operationName: (operationName as string | null | undefined) ?? undefined, document, operation };
}

/** A refusal as /graphql gives it: the same errors, an HTTP status for the first one. */
function refusal(errors: readonly GraphQLFormattedError[], status?: number): { status: number; body: { errors: readonly GraphQLFormattedError[] } } {
  const code = String(errors[0]?.extensions?.code ?? '');
  return { status: status && status >= 400 ? status : (STATUS_OF[code] ?? 400), body: { errors } };
}

/**
 * POST /explorer/export {query, variables, operationName, format: "csv"|"xlsx"}, after the caller
 * guard: the query runs through this gateway's Apollo Server with the caller's own token, so the
 * limits, role checks, masking, safelist and audit plugin apply exactly as to a read at /graphql;
 * the result is tabulated (gateway/explorer/tabulate.ts) and the export itself is written to the
 * audit store (operation type "export", outcome "exported N rows as csv") before the file is sent.
 * Mutations are refused: an export reads, it never writes. Errors answer as GraphQL errors.
 */
export function explorerExportHandlers(options: ExplorerExportOptions): RequestHandler[] {
  return [
    callerSizedJson(options.maxBody),
    async (req, res) => {
      const caller = guardedCaller(res);
      const format = (req.body as Record<string, unknown> | undefined)?.format;
      if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw bad(`不支持的导出格式，可选 ${EXPORT_FORMATS.join('、')}`, `unknown export format: use ${EXPORT_FORMATS.join(' or ')}`, 'format');
      }
      const request = operationFrom(req.body, options.parseOptions);
      if (request.operation.operation !== 'query') {
        throw bad('只能导出查询，不能导出变更或订阅', `only queries can be exported, not a ${request.operation.operation}`, 'query');
      }
      const contextValue = await createGatewayContext(req.headers, clientAddress(req), caller);
      const response = await options.server.executeOperation({ query: request.query, variables: request.variables, operationName: request.operationName }, { contextValue });
      if (response.body.kind !== 'single') throw bad('不支持增量返回的查询', 'incremental delivery cannot be exported');
      const result = response.body.singleResult;
      if (result.errors?.length || !result.data) {
        const answer = refusal(result.errors ?? [], response.http.status);
        res.status(answer.status).json(answer.body);
        return;
      }
      const schema = options.gateway.schema;
      if (!schema) throw new Error('gateway schema not loaded');
      const table = tabulate(schema, request.document, request.operation, result.data);
      const exportedAt = new Date().toISOString();
      const roles = [...caller.roles].join(',');
      const file = format === 'csv' ? tableToCsv(table) : await tableToXlsx(table, { operationName: request.operationName ?? request.operation.name?.value ?? null, caller: caller.id, roles, exportedAt });
      // Written before a byte of the file leaves: an export the log cannot record is not sent.
      const personal = caller.auditedForPersonalReads ? personalValuesReturned(schema, request.document, request.operation.name?.value, result.data, options.personalFields()) : {};
      await options.audit.orm.em.fork().insert(AuditEntry, {
        at: exportedAt,
        requestId: contextValue.requestId,
        callerId: printable(caller.id),
        roles,
        operationType: 'export',
        operationName: request.operation.name ? printable(request.operation.name.value) : null,
        queryHash: blankedOperation(request.document).hash,
        variables: redactVariables(request.variables, { schema, operation: request.operation, personal: options.personalFields() }),
        personalFields: personal,
        outcome: `exported ${table.rows.length} rows as ${format as ExportFormat}`,
      });
      const name = `${request.operation.name?.value ?? 'export'}-${exportedAt.slice(0, 10)}.${format}`;
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-export-rows', String(table.rows.length));
      res.attachment(name);
      res.type(CONTENT_TYPES[format as ExportFormat]);
      res.send(file);
    },
  ];
}

/**
 * POST /explorer/table {query, operationName, data}: the explorer's result (already read at
 * /graphql, and audited there) as the table the export would write: no query runs here.
 */
export function explorerTableHandlers(options: Pick<ExplorerExportOptions, 'gateway' | 'maxBody' | 'parseOptions'>): RequestHandler[] {
  return [
    callerSizedJson(options.maxBody),
    (req, res) => {
      const request = operationFrom(req.body, options.parseOptions);
      const schema = options.gateway.schema;
      if (!schema) throw new Error('gateway schema not loaded');
      // No query runs here, but the document must be one /graphql would accept (fragment cycles,
      // unknown fields); the table's own bounds cap what a posted result can cost.
      const invalid = validate(schema, request.document, undefined, { maxErrors: 5 });
      if (invalid.length > 0) {
        res.status(400).json({ errors: invalid.map((e) => ({ message: `查询无效 (invalid query: ${e.message.slice(0, 300)})`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      res.json(tabulate(schema, request.document, request.operation, (req.body as { data?: unknown }).data ?? null));
    },
  ];
}
