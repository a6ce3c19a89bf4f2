import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { ReportedExit, type ExitCode } from '../../errors.js';
import { VERSION } from '../../program.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/**
 * The AWS actions `legacy` can send: those of the native commands its legacy commands map onto.
 * (Follow-up: declare per legacy command, e.g. 'legacy elb-create-lb' uses ['create-lb'].)
 */
export const permissions = declarePermissions('legacy', {
  actions: ['autoscaling:TerminateInstanceInAutoScalingGroup', 'autoscaling:DescribeAutoScalingInstances', 'elasticloadbalancing:DisableAvailabilityZonesForLoadBalancer'],
  uses: ['create-lb', 'describe-lbs', 'instance-health', 'set-lb-cert', 'register-instances', 'deregister-instances', 'upload-cert', 'list-certs', 'create-asg', 'update-asg', 'describe-asgs', 'put-policy', 'describe-policies', 'put-alarm', 'describe-alarms', 'alarm-history', 'list-metrics', 'get-stats', 'put-metric', 'set-alarm-state', 'alarm-actions', 'delete-alarms', 'teardown', 'status', 'set-capacity', 'suspend', 'resume', 'activities', 'execute-policy', 'schedule', 'describe-schedules', 'unschedule', 'notify', 'describe-notifications', 'roll'],
});

/**
 * `scalectl legacy …`. The arguments are the legacy tools' own, so commander does not parse them:
 * they are taken as typed, after the word `legacy`, and the legacy layer parses them itself.
 */
const docs: CommandDocs = {
  examples: [
    'scalectl legacy install ~/.scalectl/legacy-bin',
    'scalectl legacy as-describe-auto-scaling-groups web-asg --headers',
    'scalectl legacy translate as-put-scaling-policy scale-up --auto-scaling-group web-asg --adjustment=-1 --type ChangeInCapacity',
    'scalectl legacy list',
  ],
  text: [
    "a legacy command prints the Java tool's own lines: the record type, two spaces, then its fields (e.g. AUTO-SCALING-GROUP  web-asg  …)",
    'translate: the native command line; list: legacy command, native command',
  ],
  exitCodes: [3, 4, 5],
};

export function registerLegacy(program: Command, deps: Deps): void {
  addDocs(program.command('legacy'), docs)
    .description('run the old elb-*, iam-servercert*, as-* and mon-* commands as they were; install them as shims; translate them')
    .usage('COMMAND ARGS… | install DIR | list | translate COMMAND ARGS…')
    .argument('[args...]', "a legacy command and its own arguments, or install, list or translate")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_args: string[], _opts: unknown, c: Command) => {
      const raw = ((c.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? []);
      const args = raw.slice(raw.indexOf('legacy') + 1);
      // `legacy --help` is this page, as `help legacy` is; `legacy COMMAND --help` is the legacy tool's.
      if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) return void c.outputHelp();
      const { runLegacy } = await import('../../legacy/dispatch.js');
      const code = await runLegacy(args, deps, launcher, VERSION);
      if (code !== 0) throw new ReportedExit(code as ExitCode);
    });
}

/** The node binary and scalectl's bin/scalectl.js, found from this file upwards (source or bundle). */
function launcher(): { node: string; bin: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, 'bin', 'scalectl.js')); i++) dir = dirname(dir);
  return { node: process.execPath, bin: join(dir, 'bin', 'scalectl.js') };
}
