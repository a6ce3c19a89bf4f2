import type { Deps } from './deps.js';
import { InterruptedError } from './errors.js';
import { streamIo } from './output/io.js';
import { run } from './program.js';
import { createAwsClients } from './services/clients.js';

// The SDK warns on every run under Node 20 about a future minimum; it is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ||= 'true'; // (an empty value is unset)

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: stop now
  controller.abort();
});

// Node builds process.stdout/stderr/stdin on first access (a stream each, ~1 ms): touch them only
// when a run writes to them or asks whether they are terminals. `--version` never needs stdin.
const lazySink = (stream: () => NodeJS.WriteStream) => ({
  write: (text: string) => stream().write(text),
  get isTTY() {
    return stream().isTTY;
  },
  get columns() {
    return stream().columns;
  },
});
// A reader that goes away early (`scalectl describe-lbs | head -1`) is not an error of ours: drop
// the rest of the output quietly instead of crashing with an unhandled EPIPE.
const quietOnClosedPipe = (stream: NodeJS.WriteStream) => {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
  return stream;
};
const io = streamIo(lazySink(() => quietOnClosedPipe(process.stdout)), lazySink(() => quietOnClosedPipe(process.stderr)), false);
Object.defineProperty(io, 'stdinIsTTY', { get: () => process.stdin.isTTY === true });

const deps: Deps = {
  io,
  env: process.env,
  clock: {
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      const { setTimeout: delay } = await import('node:timers/promises');
      await delay(ms, undefined, { signal }).catch(() => {
        throw new InterruptedError('interrupted');
      });
    },
  },
  signal: controller.signal,
  confirm: async (question, choices = '[y/N]') => {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    // At a prompt the terminal is in raw mode: Ctrl-C arrives as input, not as a signal, and
    // readline would only pause, leaving the question unanswered forever. Treat it as the signal.
    rl.on('SIGINT', () => controller.abort());
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} ${choices} `, { signal: controller.signal })).trim());
    } catch (err) {
      if (controller.signal.aborted) throw new InterruptedError('interrupted');
      throw err;
    } finally {
      rl.close();
    }
  },
  makeClients: createAwsClients,
};

// No top-level await: the start-up bundle is CommonJS (see scripts/build.mjs).
void run(process.argv.slice(2), deps).then((code) => {
  process.exitCode = code;
});
