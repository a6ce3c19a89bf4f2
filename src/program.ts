import { Command, CommanderError } from 'commander';
import { registerConfig } from './commands/config.js';
import { addGlobalOptions } from './commands/options.js';
import type { Deps } from './deps.js';
import { EXIT_CODE_TABLE, ExitCode, InterruptedError, asInterrupted, classifyError, debugDetails, formatError } from './errors.js';

declare const __VERSION__: string;
export const VERSION = __VERSION__;

/** Each command file exports one of these; the program is the list of them. */
type Register = (program: Command, deps: Deps) => void;

const COMMANDS: Array<[group: string, registers: Register[]]> = [
  ['Setup:', [registerConfig]],
];

export function buildProgram(deps: Deps): Command {
  const program = new Command('scalectl')
    .description('Build and tear down the classic AWS web tier: load balancer, server certificate,\nAuto Scaling group, scaling policies and the alarms that fire them.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.io.out(s), writeErr: (s) => deps.io.err(s), outputError: (s, write) => write(oneLineUsageError(s)) })
    .configureHelp({ helpWidth: Math.min(deps.io.columns, 100), showGlobalOptions: true, sortSubcommands: false });
  addGlobalOptions(program);
  program.addHelpText('after', exitStatusHelp());
  for (const [group, registers] of COMMANDS) {
    program.commandsGroup(group);
    for (const register of registers) register(program, deps);
  }
  return program;
}

/**
 * Commander's usage errors as one line like every other error: `error: unknown command 'confgi';
 * did you mean config?`, or the pointer to --help when it has no suggestion.
 */
function oneLineUsageError(text: string): string {
  const [message = '', ...rest] = text.trim().split('\n');
  const suggestion = /\(Did you mean (.+)\)/.exec(rest.join(' '))?.[1];
  return `${message.replace(/\.$/, '')}; ${suggestion ? `did you mean ${suggestion}` : "run 'scalectl <command> --help' for usage"}\n`;
}

function exitStatusHelp(): string {
  const rows = EXIT_CODE_TABLE.map(([code, meaning]) => `  ${String(code).padEnd(5)}${meaning}`);
  return `\nExit status:\n${rows.join('\n')}\n\nResults go to stdout; progress, warnings and errors to stderr.`;
}

/** Runs one command line and returns its exit code. Never throws, never exits the process. */
export async function run(argv: string[], deps: Deps): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const program = buildProgram(deps);
    if (argv.length === 0) {
      program.outputHelp({ error: true }); // a usage error: help goes to stderr, stdout stays empty
      return ExitCode.Usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (deps.signal.aborted) throw new InterruptedError('interrupted');
    return ExitCode.Ok;
  } catch (err) {
    // commander has printed its own errors (and help or the version) before throwing a plain
    // CommanderError; a subclass (InvalidArgumentError) thrown by an action has not been printed.
    if (err instanceof CommanderError && err.constructor === CommanderError) return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const e = deps.signal.aborted ? asInterrupted(err) : classifyError(err);
    deps.io.err(formatError(e));
    if (debug) deps.io.err(debugDetails(e));
    return e.exitCode;
  }
}
