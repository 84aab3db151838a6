import type { ScopeRegistry } from './scopes.ts';

/** Token registry of the emulator: which tokens are accepted, revoked, and limited to some scopes. */
export interface TokenRegistry {
  readonly valid: Set<string>;
  readonly revoked: Set<string>;
  /** Scopes of the tokens that do not have every scope. */
  readonly scopes: ScopeRegistry;
  /** Accepts `token`; with `scopes` it has exactly those, without them what `tokenScopes` gave it (else all). */
  add(token: string, scopes?: readonly string[]): void;
  /** Back to the initial tokens and scopes. */
  reset(): void;
}

/** Creates the registry from the `tokens` and `tokenScopes` options. */
export function createTokenRegistry(
  initialTokens: readonly string[],
  initialScopes: Readonly<Record<string, readonly string[]>> = {},
): TokenRegistry {
  const registry: TokenRegistry = {
    valid: new Set(),
    revoked: new Set(),
    scopes: new Map(),
    add(token, scopes) {
      registry.valid.add(token);
      const granted = scopes ?? initialScopes[token];
      if (granted) registry.scopes.set(token, [...granted]);
      else registry.scopes.delete(token);
    },
    reset() {
      registry.valid.clear();
      registry.revoked.clear();
      registry.scopes.clear();
      for (const [token, scopes] of Object.entries(initialScopes)) registry.scopes.set(token, [...scopes]);
      for (const token of initialTokens) registry.valid.add(token);
    },
  };
  registry.reset();
  return registry;
}
