// Builds dist/ in two parts, all of it CommonJS, because Node 20 loads CommonJS far faster than ES
// modules (its ESM loader alone costs ~10 ms, a fifth of bare `node`, and ~1 ms a file after that):
//
// 1. dist/cli.cjs — the start-up path as ONE file: the entry, the program, commander, errors,
//    output, settings and the `config` command. `--help`, `--version` and `config` load nothing
//    else (bin/code-cache.js aside, which caches the compiled code of everything in dist/).
// 2. dist/commands/*.cjs, dist/lazy/*.cjs, dist/sdk/*.cjs, dist/chunks/*.cjs — every other command,
//    what start-up loads only on demand (tables, colour, --query), and the AWS SDK, code-split so a
//    command loads only the services and SDK clients it uses. esbuild splits ES modules only, so
//    the split output is converted to CommonJS file by file. A command's imports of start-up
//    modules are not bundled twice: they resolve to the instances inside dist/cli.cjs (exported as
//    `__core`), so `instanceof UsageError` and friends hold.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { deferChildProcess, pureSchemas, sdkEntries, sdkReadFile, writeAsCommonJs } from './build-plugins.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
rmSync(resolve(root, 'dist'), { recursive: true, force: true });

/** Commands that run outside the start-up file: every one program.ts loads lazily, but `config`. */
// Sources are grouped by area (src/commands/lb/create-lb.ts); the built files are flat
// (dist/commands/create-lb.cjs), so every part-2 file sits one folder below dist/.
const LAZY_COMMANDS = [...readFileSync(resolve(root, 'src/program.ts'), 'utf8').matchAll(/import\('\.\/(commands\/(?:[a-z-]+\/)*([a-z-]+))\.js'\)/g)]
  .map((m) => ({ src: `src/${m[1]}.ts`, spec: `./${m[1]}.js`, name: m[2] }))
  .filter(({ name }) => name !== 'config');

/** SDK packages the start-up file imports lazily; each becomes dist/sdk/<name>.cjs in part 2, exporting only what src/ takes from it (see sdkEntries). */
const SDK = ['@aws-sdk/client-elastic-load-balancing', '@aws-sdk/client-elastic-load-balancing-v2', '@aws-sdk/client-iam', '@aws-sdk/client-auto-scaling', '@aws-sdk/client-cloudwatch', '@aws-sdk/client-ec2', '@aws-sdk/client-route-53', '@aws-sdk/client-resource-groups-tagging-api', '@aws-sdk/client-sns', '@smithy/util-retry', '@aws-sdk/credential-provider-node'];
const sdkFile = (spec) => `sdk/${spec.split('/').pop()}`;

/** In part 1: lazy commands and the SDK stay outside, as dynamic imports of part 2's files. */
const startupExternals = {
  name: 'startup-externals',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z/-]+\.js$/ }, (args) => {
      const lazy = LAZY_COMMANDS.find((c) => c.spec === args.path);
      return args.kind === 'dynamic-import' && lazy ? { path: `./commands/${lazy.name}.cjs`, external: true } : undefined;
    });
    b.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) =>
      args.kind === 'dynamic-import' && SDK.includes(args.path) ? { path: `./${sdkFile(args.path)}.cjs`, external: true } : undefined,
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
const probe = await build({ ...common, entryPoints: ['src/cli.ts'], write: false, format: 'cjs', supported: { 'dynamic-import': false }, metafile: true, outfile: 'dist/cli.cjs', plugins: [deferChildProcess, startupExternals] });
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
// What start-up imports lazily (tables, colour, --query's JMESPath, escaping) stays out of the
// start-up file too: each becomes dist/lazy/<name>.cjs in part 2, loaded by the runs that use it.
// Two stay in: the config command (`scalectl config` should not wait on the SDK chunks) and the
// 1 KB escaping that nearly every printed answer goes through.
const STAY_IN_STARTUP = ['src/commands/setup/config.ts', 'src/output/escape.ts'];
const inStartup = new Set(eager);
const visitStatic = (file) => {
  if (inStartup.has(file)) return;
  inStartup.add(file);
  for (const i of probe.metafile.inputs[file].imports) if (i.kind !== 'dynamic-import' && !i.external) visitStatic(i.path);
};
STAY_IN_STARTUP.forEach(visitStatic);
const LAZY_MODULES = new Map();
for (const file of inStartup) {
  for (const i of probe.metafile.inputs[file].imports) {
    if (i.kind !== 'dynamic-import' || i.external || inStartup.has(i.path)) continue;
    LAZY_MODULES.set(i.path, `lazy/${i.path.replace(/^src\//, '').replace(/\.ts$/, '').replace(/^node_modules\//, '').replace(/[/@.]+/g, '-')}`);
  }
}
const coreId = (file) => (file.startsWith('node_modules/commander/') ? 'commander' : file);
const srcCore = core.filter((p) => p.startsWith('src/'));

/** In part 1: a lazy import of a start-up module's becomes a require() of its part-2 file. */
const lazyExternals = {
  name: 'lazy-externals',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData?.inner) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
      const name = !r.errors.length && !r.external && r.path ? LAZY_MODULES.get(relative(root, r.path).split('\\').join('/')) : undefined;
      return name ? { path: `./${name}.cjs`, external: true } : undefined;
    });
  },
};

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
  // The lazy commands and SDK modules are CommonJS too (part 2): import() becomes require().
  supported: { 'dynamic-import': false },
  plugins: [deferChildProcess, startupExternals, lazyExternals],
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

// Part 2: the other commands and the SDK, split into chunks so a command loads only what it uses.
// esbuild splits only ES modules, but Node 20's ES module loader costs ~1 ms a file (resolve,
// link, evaluate) where require() costs a fraction of that, and a describe loads ~40 files. So the
// split output is converted file by file to CommonJS (.cjs): the chunk graph stays, the loader
// goes. Imports between the files become require() calls, dynamic import() too.
const split = await build({
  ...common,
  entryPoints: Object.fromEntries([
    ...LAZY_COMMANDS.map(({ name, src }) => [`commands/${name}`, src]),
    ...SDK.map((spec) => [sdkFile(spec), `sdk-entry:${spec}`]),
    ...[...LAZY_MODULES].map(([file, name]) => [name, `./${file}`]),
  ]),
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  write: false,
  metafile: true,
  // import.meta does not exist in CommonJS: the one use (legacy.ts finds bin/) gets the file's URL.
  define: { ...common.define, 'import.meta.url': '__scalectlFileUrl' },
  plugins: [pureSchemas, sdkEntries(root), sdkReadFile, shareStartupModules],
});
if (process.env.SCALECTL_META) writeFileSync(process.env.SCALECTL_META, JSON.stringify(split.metafile));
await writeAsCommonJs(split.outputFiles);

// The man page, from the built program's help pages (see scripts/man.mjs).
await import('./man.mjs');
console.log(`built dist/: cli.cjs (start-up), ${LAZY_COMMANDS.length} commands, ${LAZY_MODULES.size} lazy modules, ${SDK.length} SDK modules and man/scalectl.1 in ${Math.round(performance.now())} ms`);
