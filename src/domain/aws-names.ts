// AWS's documented limits on the names and tags we send, checked before sending: a name AWS
// would refuse should fail here with one clear line (exit 2), not as a ValidationError later.

/** C0 and C1 control characters and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A 1..max character name with no control characters (policy names, alarm names, metrics, namespaces). */
export function nameProblem(what: string, value: string, max = 255): string | undefined {
  if (value.length === 0) return `${what} is empty`;
  if ([...value].length > max) return `${what} is ${[...value].length} characters; AWS allows at most ${max}`;
  if (CONTROL.test(value)) return `${what} ${JSON.stringify(value)} holds a control character`;
  return undefined;
}

/** Tag keys: 1..128 characters, not starting with the reserved `aws:`; values: 0..256 characters. */
export function tagProblem(key: string, value: string): string | undefined {
  if ([...key].length > 128) return `tag key ${JSON.stringify(key.slice(0, 20) + '…')} is ${[...key].length} characters; AWS allows at most 128`;
  if (/^aws:/i.test(key)) return `tag key ${JSON.stringify(key)} starts with "aws:", which AWS reserves for itself`;
  if ([...value].length > 256) return `the value of tag ${key} is ${[...value].length} characters; AWS allows at most 256`;
  if (CONTROL.test(key) || CONTROL.test(value)) return `tag ${JSON.stringify(key)} holds a control character`;
  return undefined;
}

/** CloudWatch namespaces: 1..255 characters, not starting with ":" (the API's pattern [^:].*). */
export function namespaceProblem(value: string): string | undefined {
  return nameProblem('--namespace', value) ?? (value.startsWith(':') ? '--namespace may not start with ":"' : undefined);
}

/** The largest value of an AWS API Integer (int32). */
export const AWS_INT_MAX = 2_147_483_647;
