import { officialStub, organizationStub, regionStub } from '../../kit/index.js';

/** The registry's Organization: the subject body (or an official's unit), and the deciding authority. */
export const Organization = organizationStub();
export type Organization = InstanceType<typeof Organization>;

/** The registry's official, known here only by pseudonym. */
export const PublicOfficial = officialStub();
export type PublicOfficial = InstanceType<typeof PublicOfficial>;

/** The registry's Region, which reports name. */
export const Region = regionStub({ resolvable: false });
export type Region = InstanceType<typeof Region>;
