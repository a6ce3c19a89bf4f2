// The boot hook's instructions: a `#scalectl` block in user data (or a file). Pure parsing and
// the texts --print-systemd and --print-user-data write.
import { UsageError } from '../errors.js';
import { checkDnsName, checkInZone, checkTtl, isIpv4, normalizeName, zoneIdOf } from './dns.js';
import { checkLbName } from './listeners.js';

/** What `boot` does, as the block says. */
export interface BootConfig {
  /** `eipalloc-…` (VPC) or the address itself. */
  eip?: { allocationId: string } | { publicIp: string };
  lb?: string;
  dns?: { zone: string; name: string; ttl: number };
}

const KEYS = ['eip', 'lb', 'dns'] as const;

/**
 * Every line that starts with `#scalectl` contributes its `key=value` words (so the block works as
 * one line or several, and the shell skips it as a comment). `source` names the text in errors.
 */
export function parseBootConfig(text: string, source: string): BootConfig {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => /^\s*#scalectl(\s|$)/.test(l));
  if (lines.length === 0) throw new UsageError(`${source} has no #scalectl block`, 'add a line such as "#scalectl eip=eipalloc-0abc1234 lb=web dns=example.com:www.example.com:60"');
  const seen = new Map<string, string>();
  for (const line of lines) {
    for (const word of line.trim().replace(/^#scalectl/, '').trim().split(/\s+/).filter(Boolean)) {
      const eq = word.indexOf('=');
      const key = eq > 0 ? word.slice(0, eq) : word;
      if (!(KEYS as readonly string[]).includes(key)) throw new UsageError(`${source}: unknown #scalectl key "${key}"`, 'the keys are eip=eipalloc-…|IP, lb=NAME and dns=ZONE:NAME[:TTL]');
      if (eq < 0 || eq === word.length - 1) throw new UsageError(`${source}: #scalectl ${key} needs a value (${key}=…)`);
      if (seen.has(key)) throw new UsageError(`${source}: #scalectl ${key} is given twice`);
      seen.set(key, word.slice(eq + 1));
    }
  }
  if (seen.size === 0) throw new UsageError(`${source}: the #scalectl block says nothing to do`, 'give eip=…, lb=… or dns=…');
  const cfg: BootConfig = {};
  const eip = seen.get('eip');
  if (eip) {
    if (/^eipalloc-[0-9a-f]{8,17}$/.test(eip)) cfg.eip = { allocationId: eip };
    else if (isIpv4(eip)) cfg.eip = { publicIp: eip };
    else throw new UsageError(`${source}: eip=${eip} is neither an allocation id (eipalloc-…) nor an IPv4 address`);
  }
  const lb = seen.get('lb');
  if (lb) cfg.lb = checkLbName(lb);
  const dns = seen.get('dns');
  if (dns) {
    const [zone = '', name = '', ttl, ...rest] = dns.split(':');
    if (!zone || !name || rest.length) throw new UsageError(`${source}: dns=${dns} must be ZONE:NAME[:TTL]`, 'e.g. dns=example.com:www.example.com:60');
    const n = checkDnsName(name);
    if (!zoneIdOf(zone)) checkInZone(n, normalizeName(zone));
    cfg.dns = { zone, name: n, ttl: ttl === undefined ? 60 : checkTtl(ttl) };
  }
  return cfg;
}

/** The block that says `cfg` again (for the user data --print-user-data writes). */
export function bootBlock(cfg: BootConfig): string {
  const words = [
    ...(cfg.eip ? [`eip=${'allocationId' in cfg.eip ? cfg.eip.allocationId : cfg.eip.publicIp}`] : []),
    ...(cfg.lb ? [`lb=${cfg.lb}`] : []),
    ...(cfg.dns ? [`dns=${cfg.dns.zone}:${cfg.dns.name}:${cfg.dns.ttl}`] : []),
  ];
  return `#scalectl ${words.join(' ')}`;
}

export const UNIT_NAME = 'scalectl-boot.service';

/** A systemd unit that runs `scalectl boot` once the network is up, and `dns deregister` at stop. */
export function systemdUnit(cfg: BootConfig, o: { region?: string; scalectl?: string } = {}): string {
  const bin = o.scalectl ?? '/usr/bin/env scalectl';
  const region = o.region ? `--region ${o.region} ` : '';
  const stop = cfg.dns ? `ExecStop=${bin} ${region}dns deregister --zone ${cfg.dns.zone} --name ${cfg.dns.name}\n` : '';
  return [
    '[Unit]',
    'Description=scalectl boot hook: Elastic IP, load balancer and DNS registration',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=${bin} ${region}boot`,
    // Deregistering waits out the record's TTL before the instance goes; give it that long.
    ...(stop ? [stop.trimEnd(), `TimeoutStopSec=${(cfg.dns?.ttl ?? 0) + 120}`] : []),
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** A cloud-init user-data script: the #scalectl block, scalectl from npm, and the unit enabled. */
export function userDataScript(cfg: BootConfig, o: { region?: string; version: string }): string {
  return [
    '#!/bin/bash',
    '# scalectl boot hook (scalectl boot --print-user-data). The block below tells "scalectl boot" what to do.',
    bootBlock(cfg),
    'set -euo pipefail',
    'if ! command -v scalectl >/dev/null 2>&1; then',
    '  command -v npm >/dev/null 2>&1 || { dnf install -y nodejs npm || yum install -y nodejs npm || { apt-get update && apt-get install -y nodejs npm; }; }',
    `  npm install -g scalectl@${o.version}`,
    'fi',
    `cat > /etc/systemd/system/${UNIT_NAME} <<'UNIT'`,
    systemdUnit(cfg, o.region ? { region: o.region } : {}).trimEnd(),
    'UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${UNIT_NAME}`,
    '',
  ].join('\n');
}
