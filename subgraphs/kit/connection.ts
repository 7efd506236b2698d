import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { errors } from '../../platform/errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: '分页信息 (page information)' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: '是否还有下一页 (whether another page follows)' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: '本页最后一项的游标 (cursor of the last edge)' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `每页条数，默认${DEFAULT_PAGE_SIZE}，最多${MAX_PAGE_SIZE} (page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '从此游标之后开始 (start after this cursor)' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A Relay connection type for a node type: `<Name>Connection { edges { cursor node }
 * pageInfo totalCount }`. Call once per node type, at module level.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, zh: string): ClassType<Page<T>> {
  @ObjectType(`${name}Edge`, { description: `${zh} (${name} edge)` })
  class EdgeType {
    @Field(() => String, { description: '游标 (cursor)' })
    cursor!: string;

    @Field(() => node, { description: '节点 (node)' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `${zh}列表 (${name} connection)` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: '本页各项 (edges of this page)' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: '分页信息 (page information)' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: '符合条件的总数 (total count matching the filter)' })
    totalCount!: number;
  }

  return ConnectionType;
}

export interface PageWindow {
  first: number;
  /** The sort key of the last row already seen, or undefined on the first page. */
  afterKey: string | number | undefined;
}

/**
 * Reads and checks `first`/`after`. Over the cap is BAD_USER_INPUT: a client that asks for
 * 1,000 rows must learn it got fewer, not be silently cut.
 */
export function readPageArgs(args: PageArgs, max = MAX_PAGE_SIZE): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw errors.badInput(`first 应在 0 到 ${max} 之间，实际为 ${first}`, `first must be between 0 and ${max}, got ${first}`, 'first');
  }
  return { first, afterKey: args.after ? decodeCursor(args.after) : undefined };
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded.length === 1 && (typeof decoded[0] === 'string' || typeof decoded[0] === 'number')) {
      return decoded[0];
    }
  } catch {
    // fall through to the error below
  }
  throw errors.badInput('after 游标无效', 'the after cursor is not one this API issued', 'after');
}

/**
 * Builds a page from rows fetched with `limit first + 1` in ascending key order: the extra
 * row only tells whether another page follows.
 */
export function toPage<T>(rows: T[], window: PageWindow, keyOf: (row: T) => string | number, totalCount: number): Page<T> {
  const pageRows = rows.slice(0, window.first);
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > window.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
