#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): Node starts it without its slower ES module loader.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const dist = join(__dirname, '../dist');
if (!existsSync(join(dist, 'cli.cjs'))) {
  process.stderr.write("scalectl: not built yet: run 'npm run build' first (from a fresh clone: npm ci && npm run build)\n");
  process.exitCode = 1;
} else {
  require('./code-cache.js').install(dist);
  require('../dist/cli.cjs');
}
