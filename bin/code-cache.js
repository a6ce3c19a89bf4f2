// A V8 code cache for scalectl's built files (dist/**/*.cjs), so a run does not parse and compile
// the same JavaScript again: a describe loads ~400 KB of it, and compiling that is a third of the
// time the call takes. Node 22 has this built in (module.enableCompileCache); Node 20 does not.
//
// - Where: $XDG_CACHE_HOME/scalectl/code-cache/ (else ~/.cache/scalectl/code-cache/, beside the
//   completion cache), one folder per build, Node version, architecture and V8 flags,
//   because V8 refuses a cache made under other flags. A new build's folder prunes the others:
//   those unused for a week, and all but the newest few.
// - When: a file's cache is made after the run that compiled it (so the functions that run used are
//   in it) and written atomically (a temporary file, then a rename), at exit.
// - Safety: every file's cache is keyed by its name, size and modification time; V8 checks the rest
//   and rejects what does not fit, and then the file is compiled as usual and its cache written
//   anew. Anything unreadable or unwritable is ignored: the cache only ever makes a run faster.
// - Off: SCALECTL_NO_CODE_CACHE=1.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

/** Smaller files compile about as fast as their cache is found and read (~0.1 ms a file). */
const MIN_SIZE = 4096;

/** A short hash (FNV-1a) of the flags V8 compiles under; no crypto at start-up. */
function flagsKey() {
  const text = `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS || ''}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** $XDG_CACHE_HOME, else ~/.cache: where the completion cache lives too. */
function cacheBase() {
  const env = process.env;
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  const home = env.HOME || require('node:os').homedir();
  return home ? path.join(home, '.cache') : undefined;
}

/**
 * Compiles dist/**\/*.cjs through the cache from now on. `dist` is the built folder; the build is
 * told apart by dist/cli.cjs's size and time. Returns the run's counts (for --debug).
 */
function install(dist) {
  const stats = { fromCache: 0, compiled: 0, written: 0, dir: '' };
  if (process.env.SCALECTL_NO_CODE_CACHE) return stats;
  let base;
  let build;
  try {
    base = cacheBase();
    const st = fs.statSync(path.join(dist, 'cli.cjs'));
    build = `${st.size.toString(36)}${Math.trunc(st.mtimeMs).toString(36)}`;
  } catch {
    return stats;
  }
  if (!base) return stats;
  // One folder per Node, architecture and flags; in it, one per build (see the exit handler).
  const root = path.join(base, 'scalectl', 'code-cache', `${process.version}-${process.arch}-${flagsKey()}`);
  const dir = path.join(root, build);
  stats.dir = dir;
  const prefix = dist + path.sep;
  const { Script } = require('node:vm');
  const pending = [];
  const compile = Module.prototype._compile;

  Module.prototype._compile = function compileWithCache(content, filename, ...rest) {
    // The build turns import() into require(); a file that still has one is left to Node, since
    // a vm.Script has no module loader for it.
    if (content.length < MIN_SIZE || !filename.startsWith(prefix) || !filename.endsWith('.cjs') || content.includes('import(')) return compile.call(this, content, filename, ...rest);
    let entry;
    let cachedData;
    try {
      const st = fs.statSync(filename);
      // (string work only: path.relative and path.join resolve against the cwd, ~0.1 ms a file)
      entry = `${dir}${path.sep}${filename.slice(prefix.length).replace(/[\\/]/g, '~')}-${st.size}-${Math.trunc(st.mtimeMs)}`;
      cachedData = fs.readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
    // The wrapper shares the first line with the file: shift columns back so stack traces match.
    const script = new Script(Module.wrap(content), { filename, columnOffset: -Module.wrapper[0].length, ...(cachedData ? { cachedData } : {}) });
    if (cachedData && !script.cachedDataRejected) stats.fromCache++;
    else {
      stats.compiled++;
      if (entry) pending.push({ entry, script });
    }
    const fn = script.runInThisContext({ displayErrors: true });
    const mod = this;
    const req = function require(id) {
      return mod.require(id);
    };
    req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    req.main = require.main;
    req.cache = Module._cache;
    req.extensions = Module._extensions;
    return fn.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    write();
    if (process.argv.includes('--debug')) {
      process.stderr.write(`debug: code cache: ${stats.fromCache} files from the cache, ${stats.compiled} compiled, ${stats.written} written (${dir})\n`);
    }
  });

  function write() {
    if (!pending.length) return;
    try {
      if (!fs.existsSync(dir)) pruneBuilds(root);
    } catch {
      // no cache folder yet
    }
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      return;
    }
    for (const { entry, script } of pending) {
      const tmp = `${entry}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, entry);
        stats.written++;
      } catch {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // nothing to clean
        }
      }
    }
  }
  return stats;
}

/**
 * A new build's folder is about to be made: drop the folders of builds not written to for a week,
 * and all but the newest few. Not simply every other build: two installs used in turn (a global
 * one and a project's) would then throw each other's cache away on every run.
 */
function pruneBuilds(root) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  const builds = fs
    .readdirSync(root)
    .map((name) => ({ name, mtime: fs.statSync(path.join(root, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  builds.forEach((b, i) => {
    if (b.mtime < weekAgo || i >= KEEP_BUILDS - 1) fs.rmSync(path.join(root, b.name), { recursive: true, force: true });
  });
}

/** Build folders kept per Node version and flags, the one being made included. */
const KEEP_BUILDS = 4;

module.exports = { install };
