// What the benchmark sends: the three scenarios of issue 9, as request bodies built from
// organizations and regions read out of the running stack (so they work on demo and province data).

export const PROFILE = `query Profile($uscc: String!) {
  organization(uscc: $uscc) {
    uscc name kind level officialCount
    region { code name }
    parent { uscc name }
    commitmentLetters { id year status items { number category fulfilment dueDate } }
    commitmentSummary { year published itemCount unfulfilledItems overdueItems }
    debtorRecords { caseNumber court status unperformedAmount }
    debtorSummary { activeRecords underObjection exitedRecords unperformedAmount }
    contracts(first: 10) { totalCount edges { node { id title status arrearsAmount } } }
    contractSummary { contracts activeContracts governmentBreaches overdueMilestones arrearsAmount openComplaints }
    trainingSummary { year coverageRate officialsTrained sessionsHeld hoursPerOfficial }
    integrity { score grade deductions { rule points sources } warnings { level kind message } }
  }
}`;

export const REGION_PAGE = `query RegionPage($regionCode: String!, $after: String) {
  organizations(filter: { regionCode: $regionCode }, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      uscc name kind
      commitmentSummary { published itemCount overdueItems }
      debtorSummary { activeRecords unperformedAmount }
      contractSummary { contracts governmentBreaches arrearsAmount }
      trainingSummary { coverageRate officialsTrained }
      integrity { score grade }
    } }
  }
}`;

/** The portal's safelisted operations (gateway/operations/portal.graphql), by name. */
export const PORTAL_OPERATIONS = ['PortalOrganization', 'PortalOrganizations', 'PortalRegions', 'PortalCommitmentCoverage', 'PortalTrainingCoverage'] as const;

export interface BenchRequest {
  body: string;
}

export interface Scenario {
  name: 'profile' | 'region' | 'portal';
  title: string;
  /** Bodies the load driver cycles through. */
  requests: BenchRequest[];
  /** A fresh signed token on every request (scenario 1): nothing keyed by caller can help. */
  uniqueTokens: boolean;
}

export interface BenchData {
  /** Organizations whose profiles scenario 1 asks for, in turn. */
  usccs: string[];
  /** Counties with at least 100 organizations, for scenario 2. */
  regionCodes: string[];
  /** The city the portal mix looks at, with its counties. */
  cityCode: string;
  countyCodes: string[];
  year: number;
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

export function scenarios(data: BenchData, portalQueries: Map<string, string>): Scenario[] {
  const portal = (name: string, variables: Record<string, unknown>) => {
    const query = portalQueries.get(name);
    if (!query) throw new Error(`${name} is not in gateway/operations`);
    return { body: JSON.stringify({ query, variables, operationName: name }) };
  };
  return [
    {
      name: 'profile',
      title: '1. one organization\'s full profile incl. integrity, unique token per request',
      requests: data.usccs.map((uscc) => ({ body: body(PROFILE, { uscc }) })),
      uniqueTokens: true,
    },
    {
      name: 'region',
      title: '2. region page: 100 organizations, a summary from every domain and the score',
      requests: data.regionCodes.map((regionCode) => ({ body: body(REGION_PAGE, { regionCode }) })),
      uniqueTokens: false,
    },
    {
      name: 'portal',
      title: '3. public portal mix of safelisted anonymous queries',
      requests: [
        ...data.usccs.slice(0, 20).map((uscc) => portal('PortalOrganization', { uscc })),
        ...data.countyCodes.map((regionCode) => portal('PortalOrganizations', { regionCode })),
        portal('PortalRegions', { parentCode: data.cityCode }),
        ...data.countyCodes.map((regionCode) => portal('PortalCommitmentCoverage', { regionCode, year: data.year })),
        ...data.countyCodes.map((regionCode) => portal('PortalTrainingCoverage', { regionCode, year: data.year })),
      ],
      uniqueTokens: false,
    },
  ];
}
