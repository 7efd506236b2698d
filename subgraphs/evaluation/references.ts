import type { ReferenceResolvers } from '../kit/index.js';
import type { Organization } from './entities/federated.js';

export const referenceResolvers: ReferenceResolvers = {
  // An organization is its key here: `integrity` and `integrityHistory` read the read model by it.
  Organization: { __resolveReference: (ref: Organization) => ({ uscc: ref.uscc }) },
};
