// Preloaded into a spawned scalectl (node -r): at exit, lists the Node built-ins the run loaded.
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
  require('node:fs').writeSync(2, `\nprobe-builtins: ${builtins.join(' ')}\n`);
});
