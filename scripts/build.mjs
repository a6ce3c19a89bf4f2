// Bundles src/cli.ts into dist/ as ES modules. Code splitting keeps each AWS SDK client in its own
// chunk, loaded only by the commands that call that service, so --help and --version stay fast.
import { readFileSync, rmSync } from 'node:fs';
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

await build({
  plugins: [deferChildProcess],
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
