#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): Node starts it without its slower ES module loader.
require('../dist/cli.cjs');
