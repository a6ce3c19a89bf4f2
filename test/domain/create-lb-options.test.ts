import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCreateLb } from '../../src/commands/lb/create-lb.js';
import { addGlobalOptions } from '../../src/commands/options.js';
import type { Deps } from '../../src/deps.js';
import type { CreateLbOptions } from '../../src/domain/create-lb-options.js';
import { memoryIo } from '../../src/output/io.js';
import { createAwsClients } from '../../src/services/clients.js';
import { splitArgs } from '../helpers/run-cli.js';

/** argv → the exact options object create-lb's run function receives. */
async function parse(line: string): Promise<CreateLbOptions> {
  let got: CreateLbOptions | undefined;
  const deps: Deps = { io: memoryIo({ tty: false }), env: {}, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: createAwsClients };
  const program = addGlobalOptions(new Command('scalectl').exitOverride());
  registerCreateLb(program, deps, async (opts) => {
    got = opts;
    return { dryRun: true, steps: [] };
  });
  await program.parseAsync(splitArgs(line), { from: 'user' });
  return got!;
}

describe('create-lb flags → options', () => {
  it('defaults: cross-zone on, draining on at 300 s, nothing else', async () => {
    expect(await parse('create-lb web --listener http:80')).toEqual({
      name: 'web', listeners: [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }],
      zones: [], subnets: [], securityGroups: [], internal: false, crossZone: true, drain: { enabled: true, timeout: 300 }, instances: [], tags: [], dryRun: false, prune: false, waitForCert: false,
    });
  });

  it('every flag', async () => {
    expect(await parse('create-lb web --listener http:80 --listener "protocol=HTTPS, lb-port=443, instance-port=80" --cert site --health-check http:80/health --interval 10 --timeout 4 --healthy-threshold 3 --unhealthy-threshold 5 --subnets s-1,s-2 --subnets s-3 --security-groups sg-1 --internal --sticky lb:60@443 --no-cross-zone --drain 30 --idle-timeout 120 --instances i-12345678 --tag a=b --stack prod --dry-run')).toEqual({
      name: 'web',
      listeners: [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }, { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificate: 'site' }],
      healthCheck: { target: 'HTTP:80/health', interval: 10, timeout: 4, healthyThreshold: 3, unhealthyThreshold: 5 },
      sticky: { spec: { kind: 'lb', expirationSeconds: 60, port: 443 }, ports: [443] },
      zones: [], subnets: ['s-1', 's-2', 's-3'], securityGroups: ['sg-1'], internal: true, crossZone: false, drain: { enabled: true, timeout: 30 }, idleTimeout: 120,
      instances: ['i-12345678'], tags: [{ key: 'a', value: 'b' }], stack: 'prod', dryRun: true, prune: false, waitForCert: false,
    });
  });

  it('--no-drain turns draining off', async () => {
    expect((await parse('create-lb web --listener tcp:22 --no-drain')).drain).toEqual({ enabled: false });
  });
});
