import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.vscode-test/', 'node_modules/', 'test-results/', '.sandbox/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', AbortController: 'readonly', performance: 'readonly' } },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The domain, the request policy and the SDK adapters also run outside VS Code (plain Node tests, the okta-sf CLI).
    files: ['src/domain/**', 'src/http/**', 'src/*/api/**', 'src/cli/**', 'test/unit/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer must not depend on VS Code.' }] }],
    },
  },
  {
    // Webview scripts run in the browser: its globals, and neither vscode nor Node's modules.
    files: ['src/*/webview/**'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'A webview talks to the extension by messages (src/domain/apiIntegration/protocol.ts).' }],
        patterns: [{ group: ['node:*'], message: 'A webview runs in a browser, not in Node.' }],
      }],
    },
  },
  {
    // What the webviews share with the extension must run in both: no Node modules.
    files: ['src/domain/apiIntegration/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'This layer must not depend on VS Code.' }],
        patterns: [{ group: ['node:*'], message: 'Shared with the webviews, which run in a browser.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly' } },
  },
);
