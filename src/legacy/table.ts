// Every legacy command name: its family, what it did, the native command that does its job (the
// migration table), and whether it runs yet. Loading a family's entries happens only on use.
import type { Family } from './context.js';
import type { LegacyCommand } from './framework.js';

export interface LegacyEntry {
  name: string;
  family: Family;
  /** The native scalectl command doing this job. */
  native: string;
  /** Phase 2: the native service functions are being written; the command says so in one line. */
  later?: boolean;
  /** Answered without AWS: the *-cmd and *-version commands. */
  info?: 'cmd' | 'version';
}

const e = (name: string, native: string, extra: Partial<LegacyEntry> = {}): LegacyEntry => ({ name, family: name.startsWith('iam-') ? 'iam' : (name.split('-')[0] as Family), native, ...extra });

export const LEGACY_COMMANDS: LegacyEntry[] = [
  e('elb-create-lb', 'create-lb NAME --listener … --zones …'),
  e('elb-delete-lb', 'teardown --lb NAME -y'),
  e('elb-describe-lbs', 'describe-lbs [NAME…]'),
  e('elb-configure-healthcheck', 'create-lb NAME --health-check TARGET --interval …'),
  e('elb-create-lb-listeners', 'create-lb NAME --listener …'),
  e('elb-delete-lb-listeners', 'create-lb NAME (with the listeners to keep)'),
  e('elb-create-app-cookie-stickiness-policy', 'create-lb NAME --sticky app:COOKIE'),
  e('elb-create-lb-cookie-stickiness-policy', 'create-lb NAME --sticky lb[:SECONDS]'),
  e('elb-set-lb-policies-of-listener', 'create-lb NAME --sticky …@PORT'),
  e('elb-set-lb-listener-ssl-cert', 'set-lb-cert NAME --port PORT --cert NAME|ARN'),
  e('elb-register-instances-with-lb', 'register-instances NAME ID…'),
  e('elb-deregister-instances-from-lb', 'deregister-instances NAME ID…'),
  e('elb-describe-instance-health', 'instance-health NAME'),
  e('elb-enable-zones-for-lb', 'create-lb NAME --zones …'),
  e('elb-disable-zones-for-lb', '(none: create-lb leaves extra zones in place)'),
  e('elb-cmd', 'scalectl --help', { info: 'cmd' }),
  e('elb-version', 'scalectl --version', { info: 'version' }),
  e('iam-servercertupload', 'upload-cert NAME --cert FILE --key FILE [--chain FILE]'),
  e('iam-servercertlistbypath', 'list-certs [--path-prefix P]'),
  e('iam-servercertgetattributes', 'list-certs'),
  e('iam-servercertdel', 'teardown --cert NAME -y'),
  e('as-create-launch-config', 'create-asg GROUP --image-id … --instance-type … (launch template)'),
  e('as-describe-launch-configs', 'describe-asgs (launch source per group)'),
  e('as-delete-launch-config', 'teardown --launch-template NAME -y (or --launch-config)'),
  e('as-create-auto-scaling-group', 'create-asg NAME --launch-template LT --min … --max …'),
  e('as-update-auto-scaling-group', 'update-asg NAME --min … --max …'),
  e('as-delete-auto-scaling-group', 'teardown --asg NAME -y'),
  e('as-describe-auto-scaling-groups', 'describe-asgs [NAME…]'),
  e('as-describe-auto-scaling-instances', 'describe-asgs'),
  e('as-set-desired-capacity', 'set-capacity GROUP N [--honor-cooldown]'),
  e('as-terminate-instance-in-auto-scaling-group', '(none yet)'),
  e('as-put-scaling-policy', 'put-policy NAME --asg GROUP --adjust N'),
  e('as-describe-policies', 'describe-policies [--asg GROUP]'),
  e('as-delete-policy', 'teardown --asg GROUP (with its policies)'),
  e('as-execute-policy', 'execute-policy POLICY --asg GROUP'),
  e('as-suspend-processes', 'suspend GROUP [PROCESS…]'),
  e('as-resume-processes', 'resume GROUP [PROCESS…]'),
  e('as-describe-scaling-activities', 'activities GROUP [--max N]'),
  e('as-put-scheduled-update-group-action', 'schedule NAME --asg GROUP --at TIME|--recurrence CRON --min … --max … --desired …'),
  e('as-delete-scheduled-action', 'unschedule NAME --asg GROUP'),
  e('as-put-notification-configuration', 'notify GROUP --topic ARN --events launch,terminate,…'),
  e('as-delete-notification-configuration', 'notify GROUP --topic ARN --off'),
  e('as-create-or-update-tags', 'create-asg GROUP --tag k=K,v=V,p=true'),
  e('as-cmd', 'scalectl --help', { info: 'cmd' }),
  e('as-version', 'scalectl --version', { info: 'version' }),
  e('mon-put-metric-alarm', 'put-alarm NAME --metric … --action ARN'),
  e('mon-describe-alarms', 'describe-alarms [NAME…]'),
  e('mon-describe-alarm-history', 'alarm-history NAME'),
  e('mon-delete-alarms', 'delete-alarms NAME… -y'),
  e('mon-get-stats', 'get-stats METRIC --namespace NS --statistics …'),
  e('mon-list-metrics', 'list-metrics'),
  e('mon-put-data', 'put-metric NAME --namespace NS --value V'),
  e('mon-enable-alarm-actions', 'alarm-actions enable NAME…'),
  e('mon-disable-alarm-actions', 'alarm-actions disable NAME…'),
  e('mon-set-alarm-state', 'set-alarm-state NAME --state S --reason TEXT'),
  e('mon-cmd', 'scalectl --help', { info: 'cmd' }),
  e('mon-version', 'scalectl --version', { info: 'version' }),
];

export function findLegacy(name: string): LegacyEntry | undefined {
  return LEGACY_COMMANDS.find((c) => c.name === name);
}

/** The family's entries; only the family asked for is loaded. */
export async function loadFamily(family: Family): Promise<LegacyCommand[]> {
  switch (family) {
    case 'elb':
      return (await import('./elb/index.js')).commands;
    case 'iam':
      return (await import('./iam/index.js')).commands;
    case 'as':
      return (await import('./as/index.js')).commands;
    case 'mon':
      return (await import('./mon/index.js')).commands;
  }
}

/** What `*-version` printed: the tool, its last release and API version. */
export const TOOL_VERSIONS: Record<Exclude<Family, 'iam'>, string> = {
  as: 'Amazon AutoScaling CLI version 1.0.61.6 (API 2011-01-01)',
  elb: 'Amazon ElasticLoadBalancing CLI version 1.0.35.0 (API 2012-06-01)',
  mon: 'Amazon CloudWatch CLI version 1.0.20.0 (API 2010-08-01)',
};

/** The migration table, aligned: legacy command, native command. */
export function migrationTable(): string {
  const w = Math.max(...LEGACY_COMMANDS.map((c) => c.name.length));
  const rows = LEGACY_COMMANDS.map((c) => `${c.name.padEnd(w)}  ${c.native.startsWith('scalectl') || c.native.startsWith('(') ? c.native : `scalectl ${c.native}`}${c.later ? '  (legacy command not yet available)' : ''}`);
  return `${'LEGACY COMMAND'.padEnd(w)}  NATIVE COMMAND\n${rows.join('\n')}\n`;
}
