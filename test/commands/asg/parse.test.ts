// argv → the exact options object each day-two run function gets (what a legacy front end builds too).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerNotify } from '../../../src/commands/asg/notify.js';
import { registerRoll } from '../../../src/commands/asg/roll.js';
import { registerSchedule } from '../../../src/commands/asg/schedule.js';
import { registerSetCapacity } from '../../../src/commands/asg/set-capacity.js';
import { registerSuspend } from '../../../src/commands/asg/suspend.js';
import { addGlobalOptions } from '../../../src/commands/options.js';
import type { Deps } from '../../../src/deps.js';
import { memoryIo } from '../../../src/output/io.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const deps = { io: memoryIo({ tty: false }), env: {}, clock: { now: () => NOW, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: () => { throw new Error('no AWS in parse tests'); } } as unknown as Deps;

async function parse(register: (p: Command, d: Deps, run: (o: unknown) => Promise<never>) => void, argv: string): Promise<unknown> {
  let got: unknown;
  const program = addGlobalOptions(new Command('scalectl').exitOverride());
  register(program, deps, async (o) => {
    got = o;
    return { dryRun: true, steps: [] } as never;
  });
  await program.parseAsync(argv.match(/"[^"]*"|\S+/g)!.map((w) => w.replace(/^"|"$/g, '')), { from: 'user' });
  return got;
}

describe('day-two options', () => {
  it('set-capacity', async () => {
    expect(await parse(registerSetCapacity as never, 'set-capacity web 3 --honor-cooldown --wait --timeout 5m')).toEqual({ group: 'web', desired: 3, honorCooldown: true, wait: true, timeoutSeconds: 300, dryRun: false });
  });

  it('suspend', async () => {
    expect(await parse(registerSuspend as never, 'suspend web launch,terminate HealthCheck --dry-run')).toEqual({ group: 'web', processes: ['Launch', 'Terminate', 'HealthCheck'], dryRun: true });
  });

  it('schedule', async () => {
    expect(await parse(registerSchedule as never, 'schedule m --asg web --recurrence "0 9 * * 1-5" --until +1d --min 1 --max 3 --desired 2 --time-zone UTC')).toEqual({
      spec: { name: 'm', group: 'web', recurrence: '0 9 * * 1-5', endTime: NOW + 86_400_000, min: 1, max: 3, desired: 2, timeZone: 'UTC' }, dryRun: false,
    });
  });

  it('notify', async () => {
    expect(await parse(registerNotify as never, 'notify web --topic arn:aws:sns:us-east-1:123456789012:ops --events launch,test')).toEqual({ group: 'web', topic: 'arn:aws:sns:us-east-1:123456789012:ops', types: ['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:TEST_NOTIFICATION'], off: false, dryRun: false });
  });

  it('roll', async () => {
    expect(await parse(registerRoll as never, 'roll web --min-healthy 0 --warmup 0 --skip-matching --wait')).toEqual({ group: 'web', minHealthy: 0, warmup: 0, skipMatching: true, wait: true, timeoutSeconds: 3600, dryRun: false });
  });
});
