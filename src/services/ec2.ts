// EC2 launch templates: thin typed functions over @aws-sdk/client-ec2.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

// --- teardown and status ---
import * as ec2Td from '@aws-sdk/client-ec2';
import { STACK_TAG as TEARDOWN_STACK_TAG } from '../domain/stack.js';
import * as tdRetry from '../domain/teardown-retry.js';

/** A launch template as teardown and status see it. */
export interface TeardownLaunchTemplate {
  name: string;
  id?: string;
  defaultVersion?: number;
  latestVersion?: number;
}

function toTeardownTemplate(t: ec2Td.LaunchTemplate): TeardownLaunchTemplate {
  return { name: t.LaunchTemplateName ?? t.LaunchTemplateId ?? '?', ...(t.LaunchTemplateId ? { id: t.LaunchTemplateId } : {}), ...(t.DefaultVersionNumber !== undefined ? { defaultVersion: t.DefaultVersionNumber } : {}), ...(t.LatestVersionNumber !== undefined ? { latestVersion: t.LatestVersionNumber } : {}) };
}

function isTeardownTemplateGone(err: unknown): boolean {
  return /^InvalidLaunchTemplate(Name|Id)\.NotFound/.test((err as { name?: string })?.name ?? '');
}

/** Launch templates tagged scalectl:stack=STACK (paginated). */
export async function listStackLaunchTemplates(client: ec2Td.EC2Client, input: { stack: string; timing?: tdRetry.Timing }): Promise<TeardownLaunchTemplate[]> {
  const out: TeardownLaunchTemplate[] = [];
  let token: string | undefined;
  do {
    const res = await tdRetry.retrying(input.timing, () => client.send(new ec2Td.DescribeLaunchTemplatesCommand({ Filters: [{ Name: `tag:${TEARDOWN_STACK_TAG}`, Values: [input.stack] }], ...(token ? { NextToken: token } : {}) })));
    out.push(...(res.LaunchTemplates ?? []).map(toTeardownTemplate));
    token = res.NextToken;
  } while (token);
  return out;
}

/** One launch template by name, or undefined when it does not exist. */
export async function describeLaunchTemplateForTeardown(client: ec2Td.EC2Client, input: { name: string; timing?: tdRetry.Timing }): Promise<TeardownLaunchTemplate | undefined> {
  try {
    const res = await tdRetry.retrying(input.timing, () => client.send(new ec2Td.DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [input.name] })));
    const t = res.LaunchTemplates?.[0];
    return t ? toTeardownTemplate(t) : undefined;
  } catch (err) {
    if (isTeardownTemplateGone(err)) return undefined;
    throw err;
  }
}

/** Deletes a launch template (all its versions); one that is gone counts as done. */
export async function deleteLaunchTemplateIfExists(client: ec2Td.EC2Client, input: { name: string; timing?: tdRetry.Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await tdRetry.retrying(input.timing, () => client.send(new ec2Td.DeleteLaunchTemplateCommand({ LaunchTemplateName: input.name })));
    return 'deleted';
  } catch (err) {
    if (isTeardownTemplateGone(err)) return 'already gone';
    throw err;
  }
}
