import * as path from 'node:path';

/**
 * Loads a separately bundled module from dist/ the first time it is needed. The SDK adapters are
 * built as their own bundles so that activation never pays for loading jsforce or the Okta SDK.
 * Callers import the module's types only (`import type`), which esbuild erases.
 */
export function lazyBundle<T>(bundleFile: string): () => T {
  let loaded: T | undefined;
  return () => {
    // A runtime require of a computed path: esbuild leaves it alone, so the SDK stays out of this bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= require(path.join(__dirname, bundleFile)) as T;
    return loaded;
  };
}
