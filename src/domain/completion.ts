/** The kinds of AWS resource whose names complete. */
export type ResourceKind = 'lb' | 'group' | 'alarm' | 'cert' | 'stack' | 'policy';

/** Options whose value names a resource, by long name (without the dashes). */
export const OPTION_RESOURCES: Readonly<Record<string, ResourceKind>> = {
  stack: 'stack',
  lb: 'lb',
  asg: 'group',
  alarm: 'alarm',
  cert: 'cert',
  'scale-policy': 'policy',
};

/** Commands whose first argument names an existing resource. */
export const ARGUMENT_RESOURCES: Readonly<Record<string, ResourceKind>> = {
  'create-lb': 'lb', 'describe-lbs': 'lb', 'instance-health': 'lb', 'set-lb-cert': 'lb', 'register-instances': 'lb', 'deregister-instances': 'lb',
  'create-asg': 'group', 'update-asg': 'group', 'describe-asgs': 'group', 'set-capacity': 'group', suspend: 'group', resume: 'group', activities: 'group', roll: 'group', notify: 'group', 'describe-notifications': 'group',
  'put-alarm': 'alarm', 'describe-alarms': 'alarm', 'alarm-history': 'alarm', 'set-alarm-state': 'alarm', 'delete-alarms': 'alarm',
  'upload-cert': 'cert',
  'execute-policy': 'policy', 'put-policy': 'policy',
};

/**
 * Which resource names a completion request needs, from the words typed so far (the last word is
 * the one being completed): the value of a resource option, or a command's first argument.
 */
export function resourceWanted(words: readonly string[], commands: ReadonlySet<string>): ResourceKind | undefined {
  const typed = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  const eq = /^--([a-z-]+)=/.exec(current);
  if (eq) return OPTION_RESOURCES[eq[1]!];
  const prev = typed.at(-1);
  if (prev?.startsWith('--')) return OPTION_RESOURCES[prev.slice(2)];
  if (current.startsWith('-')) return undefined;
  const command = typed.find((w) => commands.has(w));
  if (!command) return undefined;
  const afterCommand = typed.slice(typed.indexOf(command) + 1).filter((w) => !w.startsWith('-'));
  return afterCommand.length === 0 ? ARGUMENT_RESOURCES[command] : undefined;
}

/** The cache key of one profile and region's names of one kind. */
export function cacheKey(profile: string, region: string, kind: ResourceKind): string {
  return `${profile}:${region}:${kind}`.replace(/[^A-Za-z0-9:._-]/g, '_');
}
