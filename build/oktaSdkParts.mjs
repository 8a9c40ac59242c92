// How dist/okta.js bundles @okta/okta-sdk-nodejs: only the parts src/okta/api/oktaClient.ts uses (the
// SDK's HTTP layer, OAuth, request executor), and of the modules those require at load time, the
// ones a session needs late (service-app signing, the request policy's HTTP client) are loaded on
// their first call, and the ones the client is configured never to use are left out. Used by
// esbuild.config.mjs and by the tests that build the same bundle.
import path from 'node:path';

/**
 * Per importing file (the end of its path), the modules it requires that are replaced by a stand-in
 * with the same `exports` ('callable': the module itself is a function or class). A `deferred` one
 * loads the real module on its first call; a `leftOut` one is not bundled and throws `leftOut` if called.
 */
const replaced = {
  'node_modules/@okta/okta-sdk-nodejs/src/http.js': {
    'form-data': { exports: 'callable', leftOut: 'file uploads (Http.postFormDataFile) are not used' },
    './default-cache-middleware': { exports: 'callable', leftOut: 'the GET cache is off (cacheMiddleware: null)' },
    './generated/http/http': { exports: ['ResponseContext'], leftOut: "Http.send serves the SDK's generated API classes, which are not bundled" },
    // Made when HTTPS_PROXY is set; the request policy ignores it (it applies its own proxy rules).
    'https-proxy-agent': { exports: 'callable', deferred: true },
    // DPoP proofs: service apps that require DPoP. node-jose and node-forge.
    './dpop': { exports: ['generateDpopJwt'], deferred: true },
  },
  'node_modules/@okta/okta-sdk-nodejs/src/oauth.js': {
    // The signed client assertion and DPoP proof of a service app's token request.
    './jwt': { exports: ['makeJwt'], deferred: true },
    './dpop': { exports: ['generateDpopJwt'], deferred: true },
  },
  'node_modules/@okta/okta-sdk-nodejs/src/request-executor.js': {
    'node-fetch': { exports: 'callable', leftOut: "PolicyRequestExecutor replaces the SDK's fetch" },
  },
  // The request policy's HTTP client, needed from the first request on, not to open a session.
  'src/http/requestPolicy.ts': {
    undici: { exports: ['Agent', 'ProxyAgent', 'request'], deferred: true },
  },
};

/** Calls (or constructs) `target`. */
const forward = (target) => `function (...args) { return new.target ? Reflect.construct(${target}, args) : ${target}.apply(this, args); }`;

function standIn(specifier, realPath, { exports, leftOut }) {
  const head = leftOut
    ? `const load = () => { throw new Error(${JSON.stringify(`${specifier} is not in this bundle: ${leftOut} (build/oktaSdkParts.mjs).`)}); };\n`
    : `let real;\nconst load = () => (real ??= require(${JSON.stringify(realPath)}));\n`;
  if (exports === 'callable') return `${head}module.exports = ${forward('load()')};\n`;
  return head + exports.map((name) => `exports.${name} = ${forward(`load().${name}`)};\n`).join('');
}

/** Replaces the requires listed above with stand-ins. */
export function oktaSdkParts() {
  const specifiers = [...new Set(Object.values(replaced).flatMap((modules) => Object.keys(modules)))];
  const filter = new RegExp(`^(${specifiers.map((s) => s.replace(/[./]/g, '\\$&')).join('|')})$`);
  const replacementFor = (importer, specifier) => Object.entries(replaced)
    .find(([file]) => importer.split(path.sep).join('/').endsWith(file))?.[1][specifier];
  return {
    name: 'okta-sdk-parts',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        const replacement = args.namespace === 'file' ? replacementFor(args.importer, args.path) : undefined;
        if (!replacement) return undefined;
        const real = replacement.leftOut ? undefined : await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir });
        if (real?.errors.length) return { errors: real.errors };
        return { path: real?.path ?? args.path, namespace: 'okta-sdk-parts', pluginData: { specifier: args.path, replacement } };
      });
      build.onLoad({ filter: /.*/, namespace: 'okta-sdk-parts' }, ({ path: realPath, pluginData: { specifier, replacement } }) => ({
        contents: standIn(specifier, realPath, replacement), resolveDir: path.dirname(realPath), loader: 'js',
      }));
    },
  };
}

/** Inputs (as esbuild's metafile names them) that must never be in dist/okta.js: the SDK's Client, its generated API classes and models. */
export const oktaSdkWhole = ['client.js', 'index.js', 'generated/apis/', 'generated/models/'].map((part) => `node_modules/@okta/okta-sdk-nodejs/src/${part}`);
