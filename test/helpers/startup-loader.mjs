// Loader hook for a spawned scalectl: reports every file module it loads, on stderr.
export async function load(url, context, next) {
  if (url.startsWith('file:')) process._rawDebug(`probe-file: ${url}`);
  return next(url, context);
}
