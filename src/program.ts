import { Command, CommanderError, Help, type Option } from 'commander';
import { guardFlags } from './commands/guard-flags.js';
import { addGlobalOptions } from './commands/options.js';
import type { Deps } from './deps.js';
import { EXIT_CODE_TABLE, ExitCode, InterruptedError, ReportedExit, asInterrupted, classifyError, debugDetails, formatError, interruptEndsCleanly, type ScalectlError } from './errors.js';

declare const __VERSION__: string;
export const VERSION = __VERSION__;

/** Each command file exports one of these; the program is the list of them. */
type Register = (program: Command, deps: Deps) => void;

/**
 * One command: its name, the one-line summary the root help lists, and how to load it. Only the
 * command being run is loaded, so start-up and `--help` do not pay for the other commands' code.
 */
interface Entry {
  name: string;
  summary: string;
  load: () => Promise<Register>;
}

const COMMANDS: Array<[group: string, entries: Entry[]]> = [
  ['Setup:', [
    { name: 'config', summary: 'show the region, credentials, endpoint and output a run would use, and where each comes from', load: async () => (await import('./commands/setup/config.js')).registerConfig },
  ]],
  ['Load balancer:', [
    { name: 'create-lb', summary: 'create or converge a load balancer (classic, application or network): listeners, health check, stickiness, draining', load: async () => (await import('./commands/lb/create-lb.js')).registerCreateLb },
    { name: 'describe-lbs', summary: 'list load balancers: DNS name, scheme, listeners, health check, instance count', load: async () => (await import('./commands/lb/describe-lbs.js')).registerDescribeLbs },
    { name: 'instance-health', summary: "each registered instance's state (InService, OutOfService), reason code and description", load: async () => (await import('./commands/lb/instance-health.js')).registerInstanceHealth },
    { name: 'set-lb-cert', summary: 'put a server certificate on an HTTPS or SSL listener', load: async () => (await import('./commands/lb/set-lb-cert.js')).registerSetLbCert },
    { name: 'register-instances', summary: 'register instances with a load balancer', load: async () => (await import('./commands/lb/register-instances.js')).registerRegisterInstances },
    { name: 'deregister-instances', summary: 'deregister instances from a load balancer (connection draining applies)', load: async () => (await import('./commands/lb/deregister-instances.js')).registerDeregisterInstances },
  ]],
  ['Certificates:', [
    { name: 'upload-cert', summary: 'check a server certificate, its chain and key locally, then upload them to IAM; prints the ARN', load: async () => (await import('./commands/cert/upload-cert.js')).registerUploadCert },
    { name: 'list-certs', summary: 'list the IAM server certificates with their expiry and days left', load: async () => (await import('./commands/cert/list-certs.js')).registerListCerts },
  ]],
  ['Auto Scaling:', [
    { name: 'create-asg', summary: 'create an Auto Scaling group (and its launch template), or bring an existing one in line', load: async () => (await import('./commands/asg/create-asg.js')).registerCreateAsg },
    { name: 'update-asg', summary: "change an Auto Scaling group's sizes, cooldown or health check", load: async () => (await import('./commands/asg/update-asg.js')).registerUpdateAsg },
    { name: 'describe-asgs', summary: 'show Auto Scaling groups and their instances', load: async () => (await import('./commands/asg/describe-asgs.js')).registerDescribeAsgs },
    { name: 'put-policy', summary: 'create or update a scaling policy and print its ARN', load: async () => (await import('./commands/asg/put-policy.js')).registerPutPolicy },
    { name: 'describe-policies', summary: 'show scaling policies with their ARNs and the alarms that fire them', load: async () => (await import('./commands/asg/describe-policies.js')).registerDescribePolicies },
  ]],
  ['Day two:', [
    { name: 'set-capacity', summary: "set an Auto Scaling group's desired capacity (within its min and max)", load: async () => (await import('./commands/asg/set-capacity.js')).registerSetCapacity },
    { name: 'suspend', summary: "suspend an Auto Scaling group's processes (all of them when none is named)", load: async () => (await import('./commands/asg/suspend.js')).registerSuspend },
    { name: 'resume', summary: "resume an Auto Scaling group's suspended processes (all of them when none is named)", load: async () => (await import('./commands/asg/resume.js')).registerResume },
    { name: 'activities', summary: "an Auto Scaling group's scaling activities, newest first: why it launched or terminated what", load: async () => (await import('./commands/asg/activities.js')).registerActivities },
    { name: 'execute-policy', summary: "run a scaling policy now, as its alarm would", load: async () => (await import('./commands/asg/execute-policy.js')).registerExecutePolicy },
    { name: 'schedule', summary: "create or converge a scheduled action that changes a group's size at a time or on a cron schedule", load: async () => (await import('./commands/asg/schedule.js')).registerSchedule },
    { name: 'describe-schedules', summary: "list scheduled actions: when they run and the sizes they set", load: async () => (await import('./commands/asg/describe-schedules.js')).registerDescribeSchedules },
    { name: 'unschedule', summary: "delete a scheduled action (one already gone is unchanged)", load: async () => (await import('./commands/asg/unschedule.js')).registerUnschedule },
    { name: 'notify', summary: "send a group's launch and terminate events to an SNS topic (or stop with --off)", load: async () => (await import('./commands/asg/notify.js')).registerNotify },
    { name: 'describe-notifications', summary: "list the SNS topics groups notify, and the events each gets", load: async () => (await import('./commands/asg/describe-notifications.js')).registerDescribeNotifications },
    { name: 'roll', summary: "replace a group's instances with ones from its current launch template version (an instance refresh)", load: async () => (await import('./commands/asg/roll.js')).registerRoll },
  ]],
  ['Alarms and metrics:', [
    { name: 'put-alarm', summary: 'create or update a CloudWatch metric alarm; wire it to scaling policies by name', load: async () => (await import('./commands/alarm/put-alarm.js')).registerPutAlarm },
    { name: 'describe-alarms', summary: 'list metric alarms: state, metric, condition and actions', load: async () => (await import('./commands/alarm/describe-alarms.js')).registerDescribeAlarms },
    { name: 'alarm-history', summary: "an alarm's history: state changes, configuration updates and actions", load: async () => (await import('./commands/alarm/alarm-history.js')).registerAlarmHistory },
    { name: 'list-metrics', summary: 'list the metrics CloudWatch has data for', load: async () => (await import('./commands/alarm/list-metrics.js')).registerListMetrics },
    { name: 'get-stats', summary: 'statistics of one metric over time; a terminal also gets a small chart', load: async () => (await import('./commands/alarm/get-stats.js')).registerGetStats },
    { name: 'put-metric', summary: 'publish one datapoint of a custom metric: a value, or several values as one statistic set', load: async () => (await import('./commands/alarm/put-metric.js')).registerPutMetric },
    { name: 'set-alarm-state', summary: 'force an alarm into a state until its next evaluation, to test what its actions do', load: async () => (await import('./commands/alarm/set-alarm-state.js')).registerSetAlarmState },
    { name: 'alarm-actions', summary: "switch alarms' actions on or off (e.g. off for maintenance); the alarms keep evaluating", load: async () => (await import('./commands/alarm/alarm-actions.js')).registerAlarmActions },
    { name: 'delete-alarms', summary: "delete metric alarms by name (outside a stack; teardown deletes a stack's own)", load: async () => (await import('./commands/alarm/delete-alarms.js')).registerDeleteAlarms },
  ]],
  ['DNS and boot:', [
    { name: 'dns', summary: 'Route 53 records: dns alias NAME --lb LB (the zone apex on a balancer); dns register / deregister (DNS-only balancing)', load: async () => (await import('./commands/dns/dns.js')).registerDns },
    { name: 'boot', summary: 'the instance boot hook: take the Elastic IP, join the load balancer, register DNS, as the #scalectl user-data block says', load: async () => (await import('./commands/boot/boot.js')).registerBoot },
  ]],
  ['Teardown and status:', [
    { name: 'teardown', summary: 'delete a stack in dependency order: alarms, policies, groups (drained), launch templates, load balancers, certificates', load: async () => (await import('./commands/stack/teardown.js')).registerTeardown },
    { name: 'status', summary: 'every resource of a stack with its state: group sizes and instance health, load balancer health, alarm states, certificate expiry', load: async () => (await import('./commands/stack/status.js')).registerStatus },
  ]],
  ['Legacy tools:', [
    { name: 'legacy', summary: 'run the old elb-*, iam-servercert*, as-* and mon-* commands as they were; install them as shims; translate them', load: async () => (await import('./commands/legacy/legacy.js')).registerLegacy },
  ]],
  ['Least privilege:', [
    { name: 'policy', summary: 'print the least-privilege IAM policy for commands, a recipe, or the boot hook', load: async () => (await import('./commands/access/policy.js')).registerPolicy },
  ]],
  ['Help:', [
    { name: 'help', summary: 'show help for a command: scalectl help create-lb (the same page as create-lb --help)', load: async () => (await import('./commands/setup/help.js')).registerHelp },
    { name: 'version', summary: 'print the version (same as --version)', load: async () => (await import('./commands/setup/help.js')).registerVersion },
    { name: 'completion', summary: 'print the shell completion script: bash, zsh, fish or powershell', load: async () => (await import('./commands/setup/completion.js')).registerCompletion },
  ]],
];

/** Every command name with its summary, in help order (for tests and documentation checks). */
export const COMMAND_SUMMARIES: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Register> }> = COMMANDS.flatMap(([, e]) => e);

/**
 * Builds the program. Commands named in `argv` are loaded and registered in full; every other
 * command is registered by name and summary only, which is all the root help and the
 * unknown-command suggestions need.
 */
export async function buildProgram(deps: Deps, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('scalectl')
    .description('Build and tear down the classic AWS web tier: load balancer, server certificate,\nAuto Scaling group, scaling policies and the alarms that fire them.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.io.out(s),
      writeErr: (s) => deps.io.err(s),
      outputError: (s, write) => write(oneLineUsageError(s, COMMAND_SUMMARIES.find((e) => argv.includes(e.name))?.name)),
      // Asked only when help is drawn: reading the width creates the stdout and stderr streams.
      getOutHelpWidth: () => Math.min(deps.io.columns, 100),
      getErrHelpWidth: () => Math.min(deps.io.columns, 100),
    })
    .configureHelp({
      showGlobalOptions: true,
      sortSubcommands: false,
      // A required option says so, as its placeholder alone does not.
      optionDescription(this: Help, option: Option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${text} (required)` : text;
      },
    });
  addGlobalOptions(program);
  program.addHelpText('after', exitStatusHelp());
  // A completion request (`scalectl complete -- …`) needs every command's options and arguments.
  const wanted = new Set(argv[0] === 'complete' ? COMMAND_SUMMARIES.map((e) => e.name) : argv);
  const registers = await Promise.all(COMMAND_SUMMARIES.map((e) => (wanted.has(e.name) ? e.load() : undefined)));
  // The other commands' name-and-summary entries serve the root help and the unknown-command
  // suggestions. A line that surely runs one known command needs neither (~2 ms for ~45 entries).
  const runs = commandWord(program, argv);
  const stubs = !runs || !COMMAND_SUMMARIES.some((e) => e.name === runs) || ROOT_PAGES.has(runs);
  let i = 0;
  for (const [group, entries] of COMMANDS) {
    program.commandsGroup(group);
    for (const e of entries) {
      const register = registers[i++];
      if (register) register(program, deps);
      else if (stubs) program.command(e.name).description(e.summary).allowUnknownOption().allowExcessArguments();
    }
  }
  guardFlags(program);
  return program;
}

/** Commands that draw the root help or list every command. */
const ROOT_PAGES = new Set(['help', 'completion', 'complete']);

/**
 * The command word of a command line: its first word that is neither a global option nor such an
 * option's value. Undefined when that is not certain (an unknown or optional-value option, --help,
 * --version, `--`): the caller then registers every command, as commander may need any of them.
 */
export function commandWord(program: Command, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') return word;
    const eq = word.indexOf('=');
    const flag = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    const option = program.options.find((o) => o.long === flag || o.short === flag);
    if (!option || option.optional || flag === '--help' || flag === '-h' || flag === '--version' || flag === '-V') return undefined;
    if (option.required && flag === word) i++;
  }
  return undefined;
}

/**
 * Commander's usage errors as one line like every other error: `error: unknown command 'confgi';
 * did you mean config?`, or the pointer to --help when it has no suggestion.
 */
/** Commander's usage error as our one line: the message, then a suggestion or where help is. */
function oneLineUsageError(text: string, command: string | undefined): string {
  const [message = '', ...rest] = text.trim().split('\n');
  const suggestion = /\(Did you mean (.+)\)/.exec(rest.join(' '))?.[1];
  return `${message.replace(/\.$/, '')}; ${suggestion ? `did you mean ${suggestion}` : `run 'scalectl ${command ?? '<command>'} --help' for usage`}\n`;
}

/** An AccessDenied anywhere in the error's causes: point at `scalectl policy` for this command. */
function withPolicyHint(e: ScalectlError, command: string | undefined): ScalectlError {
  let c: unknown = e;
  for (let i = 0; c && i < 5 && !(c as Record<string, unknown>).scalectlRefusedAction; i++) c = (c as { cause?: unknown }).cause;
  if (!c || !command) return e;
  const hint = `run "scalectl policy ${command}" for the IAM policy it needs`;
  const rest = e.hint && !e.hint.includes('scalectl policy') ? `${e.hint}; ` : '';
  Object.defineProperty(e, 'hint', { value: `${rest}${hint}`, configurable: true });
  return e;
}

function exitStatusHelp(): string {
  const rows = EXIT_CODE_TABLE.map(([code, meaning]) => `  ${String(code).padEnd(5)}${meaning}`);
  return `\nExit status:\n${rows.join('\n')}\n\nResults go to stdout; progress, warnings and errors to stderr.`;
}

/** Runs one command line and returns its exit code. Never throws, never exits the process. */
export async function run(argv: string[], deps: Deps): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const program = await buildProgram(deps, argv);
    if (argv.length === 0) {
      program.outputHelp({ error: true }); // a usage error: help goes to stderr, stdout stays empty
      return ExitCode.Usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (deps.signal.aborted && !interruptEndsCleanly.has(deps.signal)) throw new InterruptedError('interrupted');
    return ExitCode.Ok;
  } catch (err) {
    // commander has printed its own errors (and help or the version) before throwing a plain
    // CommanderError; a subclass (InvalidArgumentError) thrown by an action has not been printed.
    if (err instanceof CommanderError && err.constructor === CommanderError) return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    if (err instanceof ReportedExit) return err.exitCode;
    deps.io.freshLine(); // a progress line drawn in place must not swallow the error's start
    const e = withPolicyHint(deps.signal.aborted ? asInterrupted(err) : classifyError(err), COMMAND_SUMMARIES.find((c) => argv.includes(c.name))?.name);
    deps.io.err(formatError(e));
    if (debug) deps.io.err(debugDetails(e));
    return e.exitCode;
  }
}
