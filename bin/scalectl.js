#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): Node starts it without its slower ES module loader.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
if (!existsSync(join(__dirname, '../dist/cli.cjs'))) {
  process.stderr.write("scalectl: not built yet: run 'npm run build' first (from a fresh clone: npm ci && npm run build)\n");
  process.exitCode = 1;
} else require('../dist/cli.cjs');
