import { Command, CommanderError } from 'commander';
import { registerAlarmHistory } from './commands/alarm-history.js';
import { registerConfig } from './commands/config.js';
import { registerListCerts } from './commands/list-certs.js';
import { registerUploadCert } from './commands/upload-cert.js';
import { registerCreateAsg } from './commands/create-asg.js';
import { registerDescribeAsgs } from './commands/describe-asgs.js';
import { registerDescribePolicies } from './commands/describe-policies.js';
import { registerPutPolicy } from './commands/put-policy.js';
import { registerUpdateAsg } from './commands/update-asg.js';
import { registerDescribeAlarms } from './commands/describe-alarms.js';
import { registerGetStats } from './commands/get-stats.js';
import { registerListMetrics } from './commands/list-metrics.js';
import { registerPutAlarm } from './commands/put-alarm.js';
import { registerStatus } from './commands/status.js';
import { registerTeardown } from './commands/teardown.js';
import { registerCreateLb } from './commands/create-lb.js';
import { registerDeregisterInstances } from './commands/deregister-instances.js';
import { registerDescribeLbs } from './commands/describe-lbs.js';
import { registerInstanceHealth } from './commands/instance-health.js';
import { registerRegisterInstances } from './commands/register-instances.js';
import { registerSetLbCert } from './commands/set-lb-cert.js';
import { addGlobalOptions } from './commands/options.js';
import type { Deps } from './deps.js';
import { EXIT_CODE_TABLE, ExitCode, InterruptedError, classifyError, debugDetails, formatError } from './errors.js';

declare const __VERSION__: string;
export const VERSION = __VERSION__;

/** Each command file exports one of these; the program is the list of them. */
type Register = (program: Command, deps: Deps) => void;

const COMMANDS: Array<[group: string, registers: Register[]]> = [
  ['Setup:', [registerConfig]],
  ['Load balancer:', [registerCreateLb, registerDescribeLbs, registerInstanceHealth, registerSetLbCert, registerRegisterInstances, registerDeregisterInstances]],
  ['Certificates:', [registerUploadCert, registerListCerts]],
  ['Auto Scaling:', [registerCreateAsg, registerUpdateAsg, registerDescribeAsgs, registerPutPolicy, registerDescribePolicies]],
  ['Alarms and metrics:', [registerPutAlarm, registerDescribeAlarms, registerAlarmHistory, registerListMetrics, registerGetStats]],
  ['Teardown and status:', [registerTeardown, registerStatus]],
];

export function buildProgram(deps: Deps): Command {
  const program = new Command('scalectl')
    .description('Build and tear down the classic AWS web tier: load balancer, server certificate,\nAuto Scaling group, scaling policies and the alarms that fire them.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.io.out(s), writeErr: (s) => deps.io.err(s) })
    .configureHelp({ helpWidth: Math.min(deps.io.columns, 100), showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError("(run 'scalectl <command> --help' for usage)");
  addGlobalOptions(program);
  program.addHelpText('after', exitStatusHelp());
  for (const [group, registers] of COMMANDS) {
    program.commandsGroup(group);
    for (const register of registers) register(program, deps);
  }
  return program;
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
      program.outputHelp();
      return ExitCode.Usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (deps.signal.aborted) throw new InterruptedError('interrupted');
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const e = deps.signal.aborted && !(err instanceof InterruptedError) ? new InterruptedError('interrupted', undefined, { cause: err }) : classifyError(err);
    deps.io.err(formatError(e));
    if (debug) deps.io.err(debugDetails(e));
    return e.exitCode;
  }
}
