import * as l10n from '@vscode/l10n';
import * as path from 'node:path';

/** What each lazy bundle's entry exports besides its API: its own copy of @vscode/l10n's `config`. */
interface LocalizableBundle {
  configureL10n?: (config: { contents: l10n.l10nJsonFormat }) => void;
}

/** VS Code's translations, once the extension has passed them in; the okta-sf CLI never does, so it stays English. */
let translations: l10n.l10nJsonFormat | undefined;

/**
 * Formats the domain's strings with VS Code's translations (vscode.l10n.bundle): in this bundle now,
 * and in each lazy bundle when it loads, since each bundle has its own copy of @vscode/l10n.
 */
export function localizeBundles(contents: l10n.l10nJsonFormat): void {
  translations = contents;
  l10n.config({ contents });
}

/**
 * Loads a separately bundled module from dist/ the first time it is needed. The SDK adapters are
 * built as their own bundles so that activation never pays for loading jsforce or the Okta SDK.
 * Callers import the module's types only (`import type`), which esbuild erases.
 */
export function lazyBundle<T>(bundleFile: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      // A runtime require of a computed path: esbuild leaves it alone, so the SDK stays out of this bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(path.join(__dirname, bundleFile)) as T;
      if (translations) (loaded as LocalizableBundle).configureL10n?.({ contents: translations });
    }
    return loaded;
  };
}
