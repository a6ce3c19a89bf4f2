// Preloaded into a spawned scalectl (node -r): at exit, lists the CommonJS files and the Node
// built-ins the run loaded (ES module files are reported by startup-loader.mjs as they load).
process.on('exit', () => {
  const fs = require('node:fs');
  for (const file of Object.keys(require.cache)) if (!file.includes('startup-probe')) fs.writeSync(2, `probe-file: file://${file}\n`);
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
  fs.writeSync(2, `\nprobe-builtins: ${builtins.join(' ')}\n`);
});
