// Elastic IP addresses: find one, and associate it with an instance (taking it over from another).
import { AssociateAddressCommand, DescribeAddressesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { retrying, type Timing } from '../domain/retry.js';

/** An Elastic IP address and where it is attached. */
export interface ElasticIp {
  allocationId?: string;
  publicIp: string;
  instanceId?: string;
  associationId?: string;
}

export type AddressRef = { allocationId: string } | { publicIp: string };

const notFound = (err: unknown) => /^InvalidAllocationID\.NotFound|^InvalidAddress\.NotFound|^InvalidParameterValue/.test((err as { name?: string })?.name ?? '');

/** The address by allocation id or by its IP; undefined when the account has no such address. */
export async function findAddress(client: EC2Client, input: { ref: AddressRef; timing?: Timing }): Promise<ElasticIp | undefined> {
  const q = 'allocationId' in input.ref ? { AllocationIds: [input.ref.allocationId] } : { PublicIps: [input.ref.publicIp] };
  try {
    const res = await retrying(input.timing, () => client.send(new DescribeAddressesCommand(q)));
    const a = res.Addresses?.[0];
    if (!a?.PublicIp) return undefined;
    return { publicIp: a.PublicIp, ...(a.AllocationId ? { allocationId: a.AllocationId } : {}), ...(a.InstanceId ? { instanceId: a.InstanceId } : {}), ...(a.AssociationId ? { associationId: a.AssociationId } : {}) };
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/** The AssociateAddress input: re-association allowed, so a replacement instance takes the address over. */
export function associateAddressInput(input: { address: ElasticIp; instanceId: string }) {
  return { InstanceId: input.instanceId, AllowReassociation: true, ...(input.address.allocationId ? { AllocationId: input.address.allocationId } : { PublicIp: input.address.publicIp }) };
}

/**
 * Associates the address with the instance. A brand-new instance is often not yet known to the
 * EC2 API (InvalidInstanceID.NotFound); that is retried with throttling until the deadline.
 */
export async function associateAddress(client: EC2Client, input: { address: ElasticIp; instanceId: string; timing?: Timing }): Promise<string | undefined> {
  const res = await retrying(input.timing, () => client.send(new AssociateAddressCommand(associateAddressInput(input))), (e) => /^InvalidInstanceID\.NotFound|^IncorrectInstanceState/.test((e as { name?: string })?.name ?? ''), 1000);
  return res.AssociationId;
}
