// What the benchmarks ask for: organizations and regions read from a running registry subgraph, so
// that any data size (demo or province) works.
import { gatewaySignedBody } from '../../subgraphs/kit/index.js';
import type { BenchData } from './scenarios.js';

/** Organizations and regions to ask for, read from the registry at `registryUrl` (signed as the gateway). */
export async function benchData(registryUrl: string, env: NodeJS.ProcessEnv): Promise<BenchData> {
  async function registry<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(registryUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewaySignedBody(query, variables, env.CREDIT_GATEWAY_SECRET) });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  const [province] = (await registry<{ regions: Array<{ code: string }> }>('{ regions { code } }')).regions;
  const cities = (await registry<{ regions: Array<{ code: string }> }>('query($p: String) { regions(parentCode: $p) { code } }', { p: province!.code })).regions;
  const cityCode = cities[0]!.code;
  const counties = (await registry<{ regions: Array<{ code: string }> }>('query($p: String) { regions(parentCode: $p) { code } }', { p: cityCode })).regions;
  const regionCodes: string[] = [];
  for (const county of counties) {
    const { organizations } = await registry('query($r: String) { organizations(filter: { regionCode: $r }, first: 1) { totalCount } }', { r: county.code });
    if (organizations.totalCount >= 100) regionCodes.push(county.code);
  }
  const { organizations } = await registry('query($r: String) { organizations(filter: { regionCode: $r }, first: 100) { edges { node { uscc } } } }', { r: counties[0]!.code });
  const usccs = organizations.edges.map((e: { node: { uscc: string } }) => e.node.uscc).filter((_: string, i: number) => i % 2 === 0);
  return { usccs, regionCodes, cityCode, countyCodes: counties.map((c) => c.code), year: Number(env.CREDIT_TODAY!.slice(0, 4)) };
}
