import { GetTagValuesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';

/** Every value a tag key has in this region (one paginated call, whatever holds the tag). */
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
