/** The ownership tag every create command puts on what it makes (CLI.md, Ownership). */
export const STACK_TAG = 'scalectl:stack';

/** A tag as our own types carry it. */
export interface Tag {
  key: string;
  value: string;
}

/** The `--tag` pairs plus the stack tag when `--stack` is given; a later duplicate key wins. */
export function withStackTag(tags: Tag[] = [], stack?: string): Tag[] {
  const all = stack ? [...tags, { key: STACK_TAG, value: stack }] : tags;
  const byKey = new Map(all.map((t) => [t.key, t]));
  return [...byKey.values()];
}
