// "Did you mean": the known names nearest to a mistyped one.

/** Edit distance (insert, delete, substitute), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** Up to `n` of `names` nearest to `name`, nearest first (ties in name order). */
export function closestNames(name: string, names: string[], n = 3): string[] {
  return [...new Set(names)]
    .map((c) => ({ c, d: editDistance(name, c) - (c.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(c.toLowerCase()) ? 1 : 0) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, n)
    .map((e) => e.c);
}
