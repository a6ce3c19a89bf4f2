// Builds dist/ in two parts, because Node 20 starts CommonJS far faster than ES modules (its ESM
// loader alone costs ~10 ms, a fifth of bare `node`):
//
// 1. dist/cli.cjs — the start-up path as ONE CommonJS file: the entry, the program, commander,
//    errors, output, settings and the `config` command. `--help`, `--version` and `config` load
//    nothing else.
// 2. dist/commands/*.js, dist/sdk/*.js, dist/chunks/*.js — every other command and the AWS SDK as
//    ES modules with code splitting, so a command loads only the services and SDK clients it uses.
//    A command's imports of start-up modules are not bundled twice: they resolve to the instances
//    inside dist/cli.cjs (exported as `__core`), so `instanceof UsageError` and friends hold.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
rmSync(resolve(root, 'dist'), { recursive: true, force: true });

/** Commands that run outside the start-up file: every one program.ts loads lazily, but `config`. */
// Sources are grouped by area (src/commands/lb/create-lb.ts); the built files are flat
// (dist/commands/create-lb.js), so every part-2 file sits one folder below dist/.
const LAZY_COMMANDS = [...readFileSync(resolve(root, 'src/program.ts'), 'utf8').matchAll(/import\('\.\/(commands\/(?:[a-z-]+\/)*([a-z-]+))\.js'\)/g)]
  .map((m) => ({ src: `src/${m[1]}.ts`, spec: `./${m[1]}.js`, name: m[2] }))
  .filter(({ name }) => name !== 'config');

/** SDK packages the start-up file imports lazily; each becomes dist/sdk/<name>.js in part 2. */
const SDK = ['@aws-sdk/client-elastic-load-balancing', '@aws-sdk/client-elastic-load-balancing-v2', '@aws-sdk/client-iam', '@aws-sdk/client-auto-scaling', '@aws-sdk/client-cloudwatch', '@aws-sdk/client-ec2', '@aws-sdk/client-route-53', '@aws-sdk/client-resource-groups-tagging-api', '@aws-sdk/client-sns', '@smithy/util-retry', '@aws-sdk/credential-provider-node'];
const sdkFile = (spec) => `sdk/${spec.split('/').pop()}`;

// commander requires node:child_process at load time for executable subcommands, which scalectl
// does not use; loading it (with net and stream) costs several ms on every start. Defer it.
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

/** In part 1: lazy commands and the SDK stay outside, as dynamic imports of part 2's files. */
const startupExternals = {
  name: 'startup-externals',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z/-]+\.js$/ }, (args) => {
      const lazy = LAZY_COMMANDS.find((c) => c.spec === args.path);
      return args.kind === 'dynamic-import' && lazy ? { path: `./commands/${lazy.name}.js`, external: true } : undefined;
    });
    b.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) =>
      args.kind === 'dynamic-import' && SDK.includes(args.path) ? { path: `./${sdkFile(args.path)}.js`, external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

// Part 1, first pass: which modules make up the start-up path.
const probe = await build({ ...common, entryPoints: ['src/cli.ts'], write: false, format: 'cjs', metafile: true, outfile: 'dist/cli.cjs', plugins: [deferChildProcess, startupExternals] });
// Only what start-up loads eagerly is shared: modules the start-up file imports lazily (chalk for
// colour, cli-table3 for tables, the config command) must stay lazy, so part 2 keeps its own copy.
const eager = new Set();
const visit = (file) => {
  if (eager.has(file) || !probe.metafile.inputs[file]) return;
  eager.add(file);
  for (const i of probe.metafile.inputs[file].imports) if (i.kind !== 'dynamic-import' && !i.external) visit(i.path);
};
visit('src/cli.ts');
const core = [...eager].filter((p) => p.startsWith('src/') || p.startsWith('node_modules/commander/'));
const coreId = (file) => (file.startsWith('node_modules/commander/') ? 'commander' : file);
const srcCore = core.filter((p) => p.startsWith('src/'));

// Part 1: the entry runs src/cli.ts and exports every start-up module for part 2 to share.
await build({
  ...common,
  stdin: {
    contents: [
      ...srcCore.map((p, i) => `import * as m${i} from ${JSON.stringify(`./${p}`)};`),
      "import * as commander from 'commander';",
      `export const __core = { ${srcCore.map((p, i) => `${JSON.stringify(p)}: m${i}`).join(', ')}, commander };`,
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'startup-entry.js',
    loader: 'js',
  },
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  plugins: [deferChildProcess, startupExternals],
});

/** In part 2: an import of a start-up module becomes that module's instance inside dist/cli.cjs. */
const shareStartupModules = {
  name: 'share-startup-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/cli\.cjs$/ }, (args) => (args.namespace === 'startup' ? { path: '../cli.cjs', external: true } : undefined));
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.inner || args.kind === 'entry-point' || args.namespace === 'startup') return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
      if (r.errors.length || r.external || !r.path) return undefined;
      const rel = relative(root, r.path).split('\\').join('/');
      if (!core.includes(rel)) return undefined;
      return { path: coreId(rel), namespace: 'startup' };
    });
    // Every file of part 2 sits one folder below dist/, so ../cli.cjs is the start-up file.
    b.onLoad({ filter: /.*/, namespace: 'startup' }, (args) => ({
      contents: `module.exports = require('../cli.cjs').__core[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

// Part 2: the other commands and the SDK, as ES modules with code splitting.
await build({
  ...common,
  entryPoints: Object.fromEntries([
    ...LAZY_COMMANDS.map(({ name, src }) => [`commands/${name}`, src]),
    ...SDK.map((spec) => [sdkFile(spec), spec]),
  ]),
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Some CommonJS code (the shims above, a few dependencies) calls require(); ESM has none.
  banner: { js: "import { createRequire as __scalectlRequire } from 'node:module'; const require = __scalectlRequire(import.meta.url);" },
  plugins: [shareStartupModules],
});

// The man page, from the built program's help pages (see scripts/man.mjs).
await import('./man.mjs');
console.log(`built dist/: cli.cjs (start-up), ${LAZY_COMMANDS.length} commands, ${SDK.length} SDK modules and man/scalectl.1 in ${Math.round(performance.now())} ms`);
