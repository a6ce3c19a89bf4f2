// Listing every launch template of the region (ec2.ts finds one by name or by stack tag).
import { DescribeLaunchTemplatesCommand, type EC2Client } from '@aws-sdk/client-ec2';

/** Names and creation times of all launch templates, every page read. */
export async function listLaunchTemplates(client: EC2Client): Promise<Array<{ name: string; created?: string }>> {
  const out: Array<{ name: string; created?: string }> = [];
  let token: string | undefined;
  do {
    const res = await client.send(new DescribeLaunchTemplatesCommand({ ...(token ? { NextToken: token } : {}) }));
    for (const t of res.LaunchTemplates ?? []) out.push({ name: t.LaunchTemplateName ?? '', ...(t.CreateTime ? { created: t.CreateTime.toISOString() } : {}) });
    token = res.NextToken;
  } while (token);
  return out;
}
