// esbuild plugins that change how dependencies are bundled (used by scripts/build.mjs), and the
// conversion of esbuild's split ES module output to CommonJS. Each exists because it measured:
// see the comments, and README "Performance".
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { transform } from 'esbuild';

// Each dist/sdk/ file exports only the names the code takes from its dynamic import (a client
// class, the retry strategy, the credential chain), not the whole package: as an entry point the
// package would keep every export alive, every command and schema of EC2 among them, where
// tree-shaking keeps only the commands some service imports.
/** The names src/ takes from `import('SPEC')`: `(await import(SPEC)).Name` and `const { A, B } = await import(SPEC)`. */
function sdkNames(sdkSources, spec) {
  const q = spec.replace(/[/.-]/g, (c) => `\\${c}`);
  const names = new Set([
    ...[...sdkSources.matchAll(new RegExp(`import\\('${q}'\\)\\)\\.(\\w+)`, 'g'))].map((m) => m[1]),
    ...[...sdkSources.matchAll(new RegExp(`const \\{([\\w\\s,]+)\\} = await import\\('${q}'\\)`, 'g'))].flatMap((m) => m[1].split(',').map((n) => n.trim())),
  ]);
  if (!names.size) throw new Error(`build: no dynamic import of ${spec} found in src/`);
  return [...names];
}
// The SDK's schema files key their trait objects by computed names (`{ [_xN]: "nextToken" }`, where
// `const _xN = "xmlName"`), and esbuild keeps any statement with a computed key, so every schema of
// a client (550 KB for EC2) is kept whatever the commands used. Writing the keys as the strings
// they name makes the statements pure again: only the schemas of commands we import are bundled.
export const pureSchemas = {
  name: 'pure-sdk-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = new Map([...text.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      return { contents: text.replace(/\[(_\w+)\]:/g, (key, name) => (names.has(name) ? `${names.get(name)}:` : key)), loader: 'js' };
    });
  },
};
/** Entry points `sdk-entry:SPEC`: a module re-exporting only sdkNames(SPEC) of SPEC. */
export const sdkEntries = (root) => ({
  name: 'sdk-entries',
  setup(b) {
    // src/ is read once per build, not once per SDK entry.
    const sources = execFileSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts')).map((f) => readFileSync(resolve(root, f), 'utf8')).join('\n');
    b.onResolve({ filter: /^sdk-entry:/ }, (args) => ({ path: args.path.slice('sdk-entry:'.length), namespace: 'sdk-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'sdk-entry' }, (args) => ({ contents: `export { ${sdkNames(sources, args.path).join(', ')} } from '${args.path}';`, resolveDir: root, loader: 'js' }));
  },
});

// commander requires node:child_process at load time for executable subcommands, which scalectl
// does not use; loading it (with net and stream) costs several ms on every start. Defer it.
export const deferChildProcess = {
  name: 'defer-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'deferred-child-process', namespace: 'deferred' } : undefined,
    );
    b.onLoad({ filter: /^deferred-child-process$/, namespace: 'deferred' }, () => ({
      contents: "module.exports = { get spawn() { return require('node:child_process').spawn; } };",
      loader: 'js',
    }));
  },
};

// The SDK reads ~/.aws/config with readFile from node:fs/promises, and loading that module costs
// ~3 ms (it pulls in readline for FileHandle.readLines). The callback readFile of node:fs, which is
// loaded anyway, does the same read; only the SDK's import is redirected.
export const sdkReadFile = {
  name: 'sdk-read-file',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
      /node_modules[\\/]@(smithy|aws-sdk)[\\/]/.test(args.importer) ? { path: 'sdk-fs-promises', namespace: 'deferred' } : undefined,
    );
    b.onLoad({ filter: /^sdk-fs-promises$/, namespace: 'deferred' }, () => ({
      contents: [
        "const fs = require('node:fs');",
        'module.exports = {',
        '  readFile: (path, options) => new Promise((resolve, reject) => fs.readFile(path, options, (err, data) => (err ? reject(err) : resolve(data)))),',
        '};',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Writes esbuild's split ES module output as CommonJS, file by file (X.js → X.cjs): imports between
 * the files become require() calls, dynamic import() too. Node 20's ES module loader costs ~1 ms a
 * file; a describe loads ~30 of them.
 */
export async function writeAsCommonJs(outputFiles) {
  const toCjs = (spec) => spec.replace(/\.js$/, '.cjs');
  const outputs = new Set(outputFiles.map((f) => f.path));
  for (const file of outputFiles) {
    // The relative .js strings that name another output file are esbuild's imports of it.
    const esm = file.text.replace(/"(\.{1,2}\/[\w./-]+\.js)"/g, (all, spec) => (outputs.has(resolve(dirname(file.path), spec)) ? `"${toCjs(spec)}"` : all));
    const cjs = await transform(esm, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      minify: true,
      legalComments: 'none',
      supported: { 'dynamic-import': false },
      banner: file.text.includes('__scalectlFileUrl') ? "var __scalectlFileUrl=require('node:url').pathToFileURL(__filename).href;" : '',
      logLevel: 'warning',
    });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(toCjs(file.path), cjs.code);
  }
}
