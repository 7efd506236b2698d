import { config, SupergraphClient } from '../kit/index.js';
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
  private readonly client: SupergraphClient;

  constructor(token: () => Promise<string>, url: string = config.gatewayUrl(), timeoutMs = 30_000) {
    this.client = new SupergraphClient(token, 'evaluation-read-model', url, timeoutMs);
  }

  async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    // Partial data would be assessed as if a domain had nothing against a unit: the client refuses it whole.
    return this.client.ask<T>(query, variables);
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
