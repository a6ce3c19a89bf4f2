import { cell, type View } from '../output/render.js';
import type { ResourceKind } from './teardown.js';

/** An instance as status shows it: its lifecycle state and health (group or load balancer view). */
export interface StatusInstance {
  id: string;
  state: string;
  health?: string;
}

/** One resource of a stack and its state. Kind-specific fields are present only for their kind. */
export interface StatusEntry {
  kind: ResourceKind;
  name: string;
  /** One word or short phrase: `2/2 InService`, `ALARM`, `expires in 30 days`, `default v3`. */
  state: string;
  /** More detail in a few words (DNS name, sizes, expiry date, policy type). */
  detail?: string;
  /** Groups. */
  size?: { min: number; max: number; desired: number };
  /** Groups and load balancers. */
  instances?: StatusInstance[];
  /** Load balancers. */
  dnsName?: string;
  /** Certificates: ISO date and whole days left (negative once expired). */
  expiration?: string;
  daysLeft?: number;
  /** Launch templates. */
  defaultVersion?: number;
  latestVersion?: number;
}

/** `status --stack NAME`: every resource of the stack, in teardown order. */
export interface StatusResult {
  stack: string;
  resources: StatusEntry[];
  /** Kinds that could not be searched: their resources, if any, are missing from the list. */
  unsearched?: ResourceKind[];
}

const DAY = 86_400_000;

/** Days until `expiration` (ISO), rounded down; negative once past. */
export function daysLeft(expiration: string, now: number): number {
  return Math.floor((Date.parse(expiration) - now) / DAY);
}

export function expiryState(days: number): string {
  if (days < 0) return `expired ${-days} day${-days === 1 ? '' : 's'} ago`;
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** `2/3 InService` over the instances given. */
export function inServiceState(instances: StatusInstance[], expected: number): string {
  return `${instances.filter((i) => i.state === 'InService').length}/${expected} InService`;
}

/** text columns: kind, name, state, detail. */
export const statusView: View<StatusResult> = {
  table: (r, st) => ({
    head: ['KIND', 'NAME', 'STATE', 'DETAIL'],
    rows: r.resources.map((e) => [e.kind, e.name, /ALARM$|expired|^0\//.test(e.state) && e.state !== 'INSUFFICIENT_DATA' ? st.red(e.state) : e.state, cell(e.detail)]),
  }),
  text: (r) => r.resources.map((e) => [e.kind, e.name, e.state, e.detail ?? '']),
  json: (r) => ({ stack: r.stack, resources: r.resources, ...(r.unsearched?.length ? { unsearched: r.unsearched } : {}) }),
};
