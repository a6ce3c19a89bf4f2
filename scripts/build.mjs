// Bundles src/cli.ts into dist/ as ES modules. Code splitting keeps each AWS SDK client in its own
// chunk, loaded only by the commands that call that service, so --help and --version stay fast.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// commander requires node:child_process at load time for executable subcommands, which scalectl
// does not use; loading it (with net and stream) costs several ms on every start. Defer it to the
// first use instead.
const deferChildProcess = {
  name: 'defer-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'deferred-child-process', namespace: 'deferred' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, () => ({
      contents: "module.exports = { get spawn() { return require('node:child_process').spawn; } };",
      loader: 'js',
    }));
  },
};

// `config` and every command read ~/.aws/config through the SDK's own loader (same parsing as the
// SDK). Its package re-exports all of @smithy/core/config, whose chunk imports node:crypto (for SSO
// token cache names) at load time: a few ms on every start for a hash we never compute. Point our
// import at the loader module itself so start-up loads only the reader and the INI parser.
const iniLoaderOnly = {
  name: 'ini-loader-only',
  setup(b) {
    b.onResolve({ filter: /^@smithy\/shared-ini-file-loader$/ }, (args) =>
      args.importer.includes('/src/')
        ? { path: fileURLToPath(new URL('../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/loadSharedConfigFiles.js', import.meta.url)) }
        : undefined,
    );
  },
};

await build({
  plugins: [deferChildProcess, iniLoaderOnly],
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies call require(); an ESM bundle has none unless we make one.
  banner: { js: "import { createRequire as __scalectlRequire } from 'node:module'; const require = __scalectlRequire(import.meta.url);" },
  logLevel: 'warning',
});
