/**
 * Search tokens for Chinese text (ADR 0020): every character and every pair of adjacent characters
 * of each CJK run, and each Latin/digit word lower-cased. A resident's "营业执照" or "办身份证" then
 * meets the item through shared bigrams, whatever words surround them.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const WORD = /[a-z0-9]+/g;

export function documentTokens(...texts: readonly string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const run of text.match(CJK) ?? []) {
      const chars = [...run];
      chars.forEach((char, i) => {
        tokens.add(char);
        if (i + 1 < chars.length) tokens.add(char + chars[i + 1]);
      });
    }
    for (const word of text.toLowerCase().match(WORD) ?? []) tokens.add(word);
  }
  return [...tokens].sort();
}

/** What a query looks for: bigrams of each CJK run (the character itself for a one-character run) and words. */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>();
  for (const run of query.match(CJK) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) tokens.add((chars[i] as string) + chars[i + 1]);
  }
  for (const word of query.toLowerCase().match(WORD) ?? []) tokens.add(word);
  return [...tokens].sort();
}

/** Where a token was found, by weight: the name counts most, then aliases, then keywords. */
export const TOKEN_WEIGHTS = { name: 3, alias: 2, keyword: 1 } as const;

/**
 * The search tokens of a guide, each with the weight of the best field it appears in (name 3,
 * aliases 2, keywords, life events and themes 1).
 */
export function weightedTokens(content: {
  name: string;
  aliases: readonly string[];
  keywords: readonly string[];
  lifeEvents: readonly string[];
  themes: readonly string[];
}): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (tokens: string[], weight: number) => {
    for (const token of tokens) weights.set(token, Math.max(weights.get(token) ?? 0, weight));
  };
  add(documentTokens(content.name), TOKEN_WEIGHTS.name);
  add(documentTokens(...content.aliases), TOKEN_WEIGHTS.alias);
  add(documentTokens(...content.keywords, ...content.lifeEvents, ...content.themes), TOKEN_WEIGHTS.keyword);
  return weights;
}
