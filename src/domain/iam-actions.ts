// How an SDK request is named in IAM: `service-prefix:Operation`. The prefix is the IAM service
// prefix, which is not the SDK client's name (ELBv2 shares `elasticloadbalancing` with classic,
// the Tagging API is `tag`, CloudWatch's SDK namespace is `monitoring` on the wire).

/** IAM service prefix of each client scalectl builds (the keys of `AwsClients`). */
export const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  elb: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  iam: 'iam',
  autoscaling: 'autoscaling',
  cloudwatch: 'cloudwatch',
  ec2: 'ec2',
  route53: 'route53',
  tagging: 'tag',
  sns: 'sns',
};

/** Operations whose IAM action is not named like the API call (none among scalectl's so far). */
const RENAMED: Readonly<Record<string, string>> = {};

/**
 * The operation an SDK command object sends: from its schema (`[9, namespace, "CreateLoadBalancer",
 * …]`, which survives minification), else its class name without `Command`.
 */
export function operationOf(command: unknown): string | undefined {
  const schema = (command as { schema?: unknown } | undefined)?.schema;
  if (Array.isArray(schema) && typeof schema[2] === 'string') return schema[2];
  const name = (command as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  return name && name.endsWith('Command') && name !== 'Command' ? name.slice(0, -'Command'.length) : undefined;
}

/** `elasticloadbalancing:CreateLoadBalancer` for client `elb` and that operation; undefined for an unknown client. */
export function iamAction(client: string, operation: string): string | undefined {
  const prefix = SERVICE_PREFIX[client];
  if (!prefix) return undefined;
  const action = `${prefix}:${operation}`;
  return RENAMED[action] ?? action;
}

/** Error names AWS services use for "the caller's policies do not allow this". */
export const ACCESS_DENIED_NAMES: ReadonlySet<string> = new Set([
  'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess',
  'AuthorizationError', 'AccessDeniedFault', 'NotAuthorized', 'Forbidden', 'AuthorizationErrorException',
]);
