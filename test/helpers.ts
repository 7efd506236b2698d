import { signToken, type Role } from '../subgraphs/kit/index.js';

export async function bearer(role: Exclude<Role, 'PUBLIC'>, extra: { uscc?: string; expiresIn?: string | number } = {}): Promise<string> {
  return `Bearer ${await signToken({ sub: `test-${role.toLowerCase()}`, roles: [role], ...extra })}`;
}

export interface GraphQLResult {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A GraphQL request over real HTTP. */
export async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}
