// esbuild bundles a CSS file imported from main.ts into dist/webview/<feature>.css; the import has no value.
declare module '*.css';
