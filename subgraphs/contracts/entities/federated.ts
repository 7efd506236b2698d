import { officialStub, organizationStub, regionStub } from '../../kit/index.js';

/** The registry's Organization, to which this subgraph adds its contracts and their summary. */
export const Organization = organizationStub();
export type Organization = InstanceType<typeof Organization>;

/** The registry's official, known here only by pseudonym (PPP responsible officials). */
export const PublicOfficial = officialStub();
export type PublicOfficial = InstanceType<typeof PublicOfficial>;

/** The registry's Region: complaint statistics name their region through it. */
export const Region = regionStub();
export type Region = InstanceType<typeof Region>;
