import { config } from '../kit/index.js';
import { ASSESSMENT_INPUTS, type OrganizationFacts } from './entities/federated.js';

/** As many organizations as one fetch asks for (the registry's `organizationsByUscc` takes 100). */
export const INPUT_BATCH = 100;

type Fetched = Omit<OrganizationFacts, 'regionCode'> & { region: { code: string } };

const BY_USCC = `query AssessmentInputs($usccs: [String!]!) { organizationsByUscc(usccs: $usccs) { ${ASSESSMENT_INPUTS} } }`;
const USCC_PAGE = `query AssessedOrganizations($after: String) { organizations(first: ${INPUT_BATCH}, after: $after) { pageInfo { hasNextPage endCursor } totalCount edges { node { uscc } } } }`;

function facts({ region, ...rest }: Fetched): OrganizationFacts {
  return { ...rest, regionCode: region.code };
}

/**
 * Where the read model gets its inputs: the supergraph, as any federated client would (the
 * gateway plans one fetch per subgraph for a whole batch). It never opens another subgraph's
 * store. `token` is this worker's CONSUMER token.
 */
export class SupergraphInputs {
  constructor(
    private readonly token: () => Promise<string>,
    private readonly url: string = config.gatewayUrl(),
    private readonly timeoutMs = 30_000,
  ) {}

  async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token()}`, 'apollographql-client-name': 'evaluation-read-model' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; path?: unknown[] }> };
    // Partial data would be assessed as if a domain had nothing against a unit: refuse it whole.
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(`inputs through the supergraph failed (${response.status}): ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
    }
    return body.data;
  }

  /** Facts of each USCC, null for those the registry does not know (any more). */
  async byUscc(usccs: readonly string[]): Promise<Map<string, OrganizationFacts | null>> {
    const found = new Map<string, OrganizationFacts | null>();
    for (let start = 0; start < usccs.length; start += INPUT_BATCH) {
      const part = usccs.slice(start, start + INPUT_BATCH);
      const data = await this.ask<{ organizationsByUscc: Array<Fetched | null> }>(BY_USCC, { usccs: part });
      part.forEach((uscc, i) => found.set(uscc, data.organizationsByUscc[i] ? facts(data.organizationsByUscc[i]!) : null));
    }
    return found;
  }

  /** One page of every organization's USCC, in order (a rebuild walks them all). */
  async usccPage(after: string | null): Promise<{ usccs: string[]; next: string | null; total: number }> {
    const data = await this.ask<{ organizations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number; edges: Array<{ node: { uscc: string } }> } }>(USCC_PAGE, { after });
    const { pageInfo, totalCount, edges } = data.organizations;
    return { usccs: edges.map((e) => e.node.uscc), next: pageInfo.hasNextPage ? pageInfo.endCursor : null, total: totalCount };
  }
}
