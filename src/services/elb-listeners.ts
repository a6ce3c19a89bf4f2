// Classic ELB writes on one listener or the zones, beyond what create-lb plans: delete one
// listener, set a listener's whole policy list, enable and disable zones.
import {
  DeleteLoadBalancerListenersCommand, DisableAvailabilityZonesForLoadBalancerCommand, EnableAvailabilityZonesForLoadBalancerCommand,
  SetLoadBalancerPoliciesOfListenerCommand, type ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';

/** Deletes the listener on one port (one port per request: moto ignores multi-port deletes). */
export async function deleteListener(client: ElasticLoadBalancingClient, input: { name: string; port: number }): Promise<void> {
  await client.send(new DeleteLoadBalancerListenersCommand({ LoadBalancerName: input.name, LoadBalancerPorts: [input.port] }));
}

/** Replaces the policies of a listener with exactly `policies` (none = clear them). */
export async function setListenerPolicies(client: ElasticLoadBalancingClient, input: { name: string; port: number; policies: string[] }): Promise<void> {
  await client.send(new SetLoadBalancerPoliciesOfListenerCommand({ LoadBalancerName: input.name, LoadBalancerPort: input.port, PolicyNames: input.policies }));
}

/** Adds zones; returns the balancer's zones afterwards. */
export async function enableZones(client: ElasticLoadBalancingClient, input: { name: string; zones: string[] }): Promise<string[]> {
  const res = await client.send(new EnableAvailabilityZonesForLoadBalancerCommand({ LoadBalancerName: input.name, AvailabilityZones: input.zones }));
  return res.AvailabilityZones ?? [];
}

/** Removes zones; returns the balancer's zones afterwards. */
export async function disableZones(client: ElasticLoadBalancingClient, input: { name: string; zones: string[] }): Promise<string[]> {
  const res = await client.send(new DisableAvailabilityZonesForLoadBalancerCommand({ LoadBalancerName: input.name, AvailabilityZones: input.zones }));
  return res.AvailabilityZones ?? [];
}
