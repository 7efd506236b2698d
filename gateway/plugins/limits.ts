import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';

export interface LimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 20,
  // The portal's region page (100 organizations with a summary per domain) costs about 6,000.
  maxCost: 20_000,
};

/** Each armor rejection carries this marker so the error formatter can give it its own code. */
const MARKERS = {
  DEPTH_LIMIT: '查询嵌套层级超过上限 (the query is nested too deeply)',
  ALIAS_LIMIT: '查询别名数量超过上限 (the query uses too many aliases)',
  TOKEN_LIMIT: '查询过长 (the query has too many tokens)',
  DIRECTIVE_LIMIT: '查询指令数量超过上限 (the query uses too many directives)',
  COST_LIMIT: '查询估算成本超过上限，请减少列表大小或字段 (the query\'s estimated cost is over the limit: ask for fewer rows or fields)',
} as const;

/**
 * useLimits: depth, aliases, tokens, directives and estimated cost (list sizes from literal
 * `first` arguments), enforced by graphql-armor before anything is planned.
 */
export function useLimits(settings: LimitSettings = DEFAULT_LIMITS) {
  const armor = new ApolloArmor({
    maxDepth: { n: settings.maxDepth, errorMessage: `[DEPTH_LIMIT] ${MARKERS.DEPTH_LIMIT}`, exposeLimits: false },
    maxAliases: { n: settings.maxAliases, errorMessage: `[ALIAS_LIMIT] ${MARKERS.ALIAS_LIMIT}`, exposeLimits: false },
    // Tokens are counted by graphql-js's own parser (Apollo's parseOptions.maxTokens): armor's
    // Apollo variant throws outside the parse step and turns the refusal into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: settings.maxDirectives, errorMessage: `[DIRECTIVE_LIMIT] ${MARKERS.DIRECTIVE_LIMIT}`, exposeLimits: false },
    costLimit: { maxCost: settings.maxCost, errorMessage: `[COST_LIMIT] ${MARKERS.COST_LIMIT}`, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return {
    ...protection,
    parseOptions: { maxTokens: settings.maxTokens },
    plugins: [...protection.plugins, answerLimitErrorsWith400],
  };
}

const LIMIT_CODES = new Set(Object.keys(MARKERS));

/** A refused query is the client's fault: 400, not the 500 Apollo gives errors raised while parsing. */
const answerLimitErrorsWith400: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        if (body?.errors?.length && !body.data && body.errors.some((e) => LIMIT_CODES.has(String(e.extensions?.code)))) {
          response.http.status = 400;
        }
      },
    };
  },
};

/** Gives armor's rejections their codes: DEPTH_LIMIT, ALIAS_LIMIT, TOKEN_LIMIT, DIRECTIVE_LIMIT, COST_LIMIT. */
export function formatLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (/Document contains more tha[nt] \d+ tokens/.test(formatted.message)) { // graphql-js spells it "more that"
    return { message: MARKERS.TOKEN_LIMIT, extensions: { code: 'TOKEN_LIMIT' } };
  }
  const match = /\[(DEPTH_LIMIT|ALIAS_LIMIT|TOKEN_LIMIT|DIRECTIVE_LIMIT|COST_LIMIT)\]\s*(.*)$/.exec(formatted.message);
  if (!match) return null;
  return { message: match[2]!, locations: formatted.locations, extensions: { code: match[1] } };
}
