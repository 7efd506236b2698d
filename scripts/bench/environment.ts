// The environment every benchmark runs its processes with.

/**
 * Fixed secrets (the gateway refuses development defaults in production mode), production mode,
 * no safelist, rate limits out of the way, and the demo world's date unless CREDIT_TODAY says
 * otherwise; `extra` on top.
 */
export function benchEnvironment(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    CREDIT_DATA_DIR: dataDir,
    CREDIT_JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret',
    CREDIT_GATEWAY_SECRET: 'bench-gateway-secret-bench-gateway-secret',
    CREDIT_PSEUDONYM_SECRET: process.env.CREDIT_PSEUDONYM_SECRET ?? 'credit-federation-development-pseudonym-key',
    CREDIT_DATA_KEY: process.env.CREDIT_DATA_KEY ?? 'credit-federation-development-data-key',
    CREDIT_SAFELIST: 'off',
    CREDIT_RATE_LIMIT_PUBLIC: '1000000000',
    CREDIT_RATE_LIMIT_CALLER: '1000000000',
    CREDIT_TODAY: process.env.CREDIT_TODAY ?? '2026-11-22',
    ...extra,
  };
}
