import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = new URL('../fixtures/certs/', import.meta.url);

/**
 * A private copy of the fixtures made by scripts/gen-test-certs.mjs, with every key file at mode
 * 600 (git does not keep file modes, and a group-readable key gets a warning).
 */
export function certFixtures(): { dir: string; path(name: string): string; read(name: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'scalectl-certs-'));
  cpSync(SOURCE, dir, { recursive: true });
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else chmodSync(p, /\.key$|privkey\.pem$/.test(f) ? 0o600 : 0o644);
    }
  };
  walk(dir);
  return { dir, path: (name) => join(dir, name), read: (name) => readFileSync(join(dir, name), 'utf8') };
}
