/** The exchange's resolvers read its own small tables directly: no loaders. */
export type ExchangeLoaders = Record<string, never>;

export const createLoaders = (): ExchangeLoaders => ({});
