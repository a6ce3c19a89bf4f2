// The Resource Groups Tagging API: one search for everything tagged scalectl:stack=STACK across
// the resource types that index there, instead of one look-up per resource of the region.
import { GetResourcesCommand, GetTagValuesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG } from '../domain/stack.js';

/** GetResources returns at most 100 resources a page. */
const PER_PAGE = 100;

/** ARNs tagged scalectl:stack=STACK of the given resource types (`service:type`), every page read. */
export async function listStackArns(client: ResourceGroupsTaggingAPIClient, input: { stack: string; types: string[]; timing?: Timing }): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const req = { TagFilters: [{ Key: STACK_TAG, Values: [input.stack] }], ResourceTypeFilters: input.types, ResourcesPerPage: PER_PAGE, ...(token ? { PaginationToken: token } : {}) };
    const res = await retrying(input.timing, () => client.send(new GetResourcesCommand(req)));
    for (const r of res.ResourceTagMappingList ?? []) if (r.ResourceARN) out.push(r.ResourceARN);
    token = res.PaginationToken || undefined;
  } while (token);
  return out;
}

/** The resource part of an ARN after `type/` (or `type:`): `arn:…:alarm:web-cpu` → `web-cpu`. */
export function arnResource(arn: string, type: string): string | undefined {
  const rest = arn.split(':').slice(5).join(':');
  for (const sep of ['/', ':']) if (rest.startsWith(`${type}${sep}`)) return rest.slice(type.length + 1);
  return undefined;
}

/** Every value a tag key has in this region, whatever holds the tag (completion of stack names). */
export async function listTagValues(client: ResourceGroupsTaggingAPIClient, key: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(new GetTagValuesCommand({ Key: key, ...(token ? { PaginationToken: token } : {}) }));
    out.push(...(res.TagValues ?? []));
    token = res.PaginationToken || undefined;
  } while (token);
  return out;
}
