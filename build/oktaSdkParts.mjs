// How dist/okta.js bundles @okta/okta-sdk-nodejs: only the parts src/okta/api/oktaClient.ts uses (the
// SDK's HTTP layer, OAuth, request executor). Of the modules those require at load time, the ones a
// session needs late (service-app signing) are bundled apart, in dist/oktaDeferred.js, loaded on
// their first call; the ones the client is configured never to use are left out; node-jose, under the
// SDK's DPoP proofs, is replaced by the few calls it makes (src/okta/api/dpopJose.ts). Used by esbuild.config.mjs and by the tests that build the same bundles.
import path from 'node:path';

/** The deferred modules, by their name in dist/oktaDeferred.js, as the project root resolves them. */
const deferredModules = {
  dpop: '@okta/okta-sdk-nodejs/src/dpop.js',
  jwt: '@okta/okta-sdk-nodejs/src/jwt.js',
};

/**
 * Per importing file (the end of its path), the modules it requires that are replaced by a stand-in
 * with the same `exports` ('callable': the module itself is a function or class). A `deferred` one
 * loads the real module from dist/oktaDeferred.js on its first call; a `leftOut` one is not bundled
 * and throws `leftOut` if called; an `inert` one is an empty class, for what the SDK makes but never uses.
 */
const replaced = {
  'node_modules/@okta/okta-sdk-nodejs/src/http.js': {
    'form-data': { exports: 'callable', leftOut: 'file uploads (Http.postFormDataFile) are not used' },
    './default-cache-middleware': { exports: 'callable', leftOut: 'the GET cache is off (cacheMiddleware: null)' },
    './generated/http/http': { exports: ['ResponseContext'], leftOut: "Http.send serves the SDK's generated API classes, which are not bundled" },
    // Made when HTTPS_PROXY is set, but never used: requests leave through the request policy, which applies
    // its own proxy rules. The real agent parses the proxy with url.parse(), which prints Node's DEP0169
    // warning on okta-sf's stderr; an empty class keeps that out.
    'https-proxy-agent': { exports: 'callable', inert: true },
    // DPoP proofs: service apps that require DPoP. node-jose and node-forge.
    './dpop': { exports: ['generateDpopJwt'], deferred: 'dpop' },
  },
  'node_modules/@okta/okta-sdk-nodejs/src/oauth.js': {
    // The signed client assertion and DPoP proof of a service app's token request.
    './jwt': { exports: ['makeJwt'], deferred: 'jwt' },
    './dpop': { exports: ['generateDpopJwt'], deferred: 'dpop' },
  },
  'node_modules/@okta/okta-sdk-nodejs/src/request-executor.js': {
    'node-fetch': { exports: 'callable', leftOut: "PolicyRequestExecutor replaces the SDK's fetch" },
  },
};

/** Calls (or constructs) `target`. */
const forward = (target) => `function (...args) { return new.target ? Reflect.construct(${target}, args) : ${target}.apply(this, args); }`;

const deferredFile = './oktaDeferred.js';

function standIn(specifier, { exports, leftOut, deferred, inert }) {
  if (inert) return 'module.exports = class UnusedAgent {};\n';
  const head = leftOut
    ? `const load = () => { throw new Error(${JSON.stringify(`${specifier} is not in this bundle: ${leftOut} (build/oktaSdkParts.mjs).`)}); };\n`
    : `let real;\nconst load = () => (real ??= require(${JSON.stringify(deferredFile)}).${deferred}());\n`;
  if (exports === 'callable') return `${head}module.exports = ${forward('load()')};\n`;
  return head + exports.map((name) => `exports.${name} = ${forward(`load().${name}`)};\n`).join('');
}

/** Replaces the requires listed above with stand-ins; dist/oktaDeferred.js stays a file of its own. */
function oktaSdkParts() {
  const specifiers = [...new Set(Object.values(replaced).flatMap((modules) => Object.keys(modules)))];
  const filter = new RegExp(`^(${specifiers.map((s) => s.replace(/[./]/g, '\\$&')).join('|')})$`);
  const importerOf = (importer) => Object.keys(replaced).find((file) => importer.split(path.sep).join('/').endsWith(file));
  return {
    name: 'okta-sdk-parts',
    setup(build) {
      build.onResolve({ filter: /^\.\/oktaDeferred\.js$/, namespace: 'okta-sdk-parts' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter }, (args) => {
        const importer = args.namespace === 'file' ? importerOf(args.importer) : undefined;
        const replacement = importer && replaced[importer][args.path];
        // One stand-in per importer and module: esbuild shares a module between importers by its path.
        return replacement && { path: `${importer}: ${args.path}`, namespace: 'okta-sdk-parts', pluginData: { specifier: args.path, replacement } };
      });
      build.onLoad({ filter: /.*/, namespace: 'okta-sdk-parts' }, ({ pluginData: { specifier, replacement } }) => ({ contents: standIn(specifier, replacement), loader: 'js' }));
    },
  };
}

/** dist/oktaDeferred.js: each deferred module behind a function, so loading one initializes no other. */
function deferredEntry(resolveDir) {
  const contents = Object.entries(deferredModules).map(([name, id]) => `exports.${name} = () => require(${JSON.stringify(id)});\n`).join('');
  return {
    name: 'okta-deferred-entry',
    setup(build) {
      build.onResolve({ filter: /^okta-deferred$/ }, () => ({ path: 'okta-deferred', namespace: 'okta-deferred' }));
      build.onLoad({ filter: /.*/, namespace: 'okta-deferred' }, () => ({ contents, resolveDir, loader: 'js' }));
    },
  };
}

/**
 * node-jose, as the SDK's DPoP module requires it, replaced by src/okta/api/dpopJose.ts: the few calls
 * that module makes, on node:crypto. node-jose loads node-forge whole (about 75 ms and 10 MB) for a
 * proof the SDK signs on every service-app token request.
 */
function joseForDpop(root) {
  const sdkDpop = 'node_modules/@okta/okta-sdk-nodejs/src/dpop.js';
  return {
    name: 'jose-for-dpop',
    setup(build) {
      build.onResolve({ filter: /^node-jose$/ }, (args) => (args.importer.split(path.sep).join('/').endsWith(sdkDpop)
        ? { path: path.join(root, 'src/okta/api/dpopJose.ts') }
        : undefined));
    },
  };
}

/**
 * The esbuild options of dist/okta.js (from `entry`) and dist/oktaDeferred.js, both into `outdir`
 * (the first requires the second by a relative path); `root` is the project's folder.
 */
export function oktaBundles(options, { entry, outdir, root }) {
  return [
    { ...options, entryPoints: { okta: entry }, outdir, plugins: [oktaSdkParts(), ...(options.plugins ?? [])] },
    { ...options, entryPoints: { oktaDeferred: 'okta-deferred' }, outdir, plugins: [deferredEntry(root), joseForDpop(root)] },
  ];
}

/** Inputs (as esbuild's metafile names them) that must never be in dist/okta.js: the SDK's Client, its generated API classes and models. */
export const oktaSdkWhole = ['client.js', 'index.js', 'generated/apis/', 'generated/models/'].map((part) => `node_modules/@okta/okta-sdk-nodejs/src/${part}`);
