import { STACK_TAG } from './stack.js';

/** A tag on an Auto Scaling group; `propagate` copies it to the instances the group launches. */
export interface AsgTag {
  key: string;
  value: string;
  propagate: boolean;
}

const LEGACY_PARTS = new Set(['k', 'v', 'p', 'id', 't']);

/**
 * One `--tag`: `K=V` (propagated to instances), or the legacy as-create-auto-scaling-group form
 * `k=Name,v=web,p=true` (spaces after commas allowed; `id=` and `t=` are accepted and ignored
 * because the group named on the command line is always the resource).
 */
export function parseAsgTag(raw: string): AsgTag {
  const parts = raw.split(',').map((p) => p.trim());
  const pairs = parts.map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()] as const);
  const legacy = parts.length > 1 && pairs.every(([k], i) => parts[i]!.includes('=') && LEGACY_PARTS.has(k)) && pairs.some(([k]) => k === 'k');
  if (legacy) {
    const get = (k: string) => pairs.find(([key]) => key === k)?.[1];
    const key = get('k') ?? '';
    const p = (get('p') ?? 'true').toLowerCase();
    if (!key) throw new Error(`--tag "${raw}": k= (the key) must not be empty.`);
    if (p !== 'true' && p !== 'false') throw new Error(`--tag "${raw}": p= must be true or false.`);
    return { key, value: get('v') ?? '', propagate: p === 'true' };
  }
  const eq = raw.indexOf('=');
  const key = eq > 0 ? raw.slice(0, eq).trim() : '';
  if (!key) throw new Error(`--tag must be KEY=VALUE or k=KEY,v=VALUE,p=true, got "${raw}".`);
  return { key, value: raw.slice(eq + 1).trim(), propagate: true };
}

/** The group's tags: `--tag`s plus scalectl:stack (propagated) when `--stack` is given; a later key wins. */
export function groupTags(tags: AsgTag[], stack?: string): AsgTag[] {
  const all = stack ? [...tags, { key: STACK_TAG, value: stack, propagate: true }] : tags;
  return [...new Map(all.map((t) => [t.key, t])).values()];
}

/** Tags to create or update so the live group carries every desired tag (extra live tags are kept). */
export function tagsToWrite(live: AsgTag[], desired: AsgTag[]): AsgTag[] {
  const byKey = new Map(live.map((t) => [t.key, t]));
  return desired.filter((t) => {
    const l = byKey.get(t.key);
    return !l || l.value !== t.value || l.propagate !== t.propagate;
  });
}
