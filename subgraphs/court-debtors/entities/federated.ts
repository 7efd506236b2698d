import { organizationStub, regionStub } from '../../kit/index.js';

/** The registry's Organization, to which this subgraph adds debtor records and a summary. */
export const Organization = organizationStub();
export type Organization = InstanceType<typeof Organization>;

/** The registry's Region, which reports name. */
export const Region = regionStub({ resolvable: false });
export type Region = InstanceType<typeof Region>;
