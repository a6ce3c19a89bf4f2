// The day-two commands for real, against moto_server on a free loopback port, on a group built by
// create-asg: each command moto implements, each re-run `unchanged`; the calls moto lacks
// (notifications, instance refresh) end in the one-line "not an AWS response" error.
// Skipped when moto_server is not on PATH.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOTO, requireBuild, scalectlAgainst, startMoto, type Moto, type Run } from '../helpers/moto.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';

let moto: Moto | undefined;
let sc: (...args: string[]) => Run;

/** Each step spawns several runs of the binary: allow for a busy machine. */
const step = (name: string, fn: () => void) => it(name, fn, 90_000);

describe.skipIf(!MOTO)('day-two commands against moto_server', () => {
  beforeAll(async () => {
    requireBuild();
    moto = await startMoto({ prefix: 'scalectl-moto-day2-' });
    sc = scalectlAgainst(moto);
    const g = sc('create-asg', 'day2', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.micro', '--min', '1', '--max', '4', '--zones', 'us-east-1a', '--stack', 'day2');
    expect(g.stderr).not.toMatch(/^error:/m);
    expect(g.stdout).toBe('day2\tcreated\n');
    const p = sc('put-policy', 'scale-up', '--asg', 'day2', '--adjust', '+1');
    expect(p.code, p.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await moto?.stop();
  }, 10_000);

  step('set-capacity: within range, unchanged on re-run, outside range exit 2', () => {
    expect(sc('set-capacity', 'day2', '2')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('set-capacity', 'day2', '2')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    const out = sc('set-capacity', 'day2', '9');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: desired capacity 9 is outside the group's range \[1, 4\]/);
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].desired).toBe(2);
  });

  step('suspend and resume converge, and describe-asgs shows what is suspended', () => {
    expect(sc('suspend', 'day2', 'launch', 'AZRebalance')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('suspend', 'day2', 'Launch')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].suspendedProcesses.sort()).toEqual(['AZRebalance', 'Launch']);
    expect(sc('resume', 'day2')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('resume', 'day2')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].suspendedProcesses).toEqual([]);
  });

  step('execute-policy runs the policy, and activities lists what happened', () => {
    expect(sc('execute-policy', 'scale-up', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'scale-up\tupdated\n' });
    expect(sc('execute-policy', 'nope', '--asg', 'day2').code).toBe(4);
    const a = sc('activities', 'day2', '--output', 'json');
    expect(a.code, a.stderr).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc.group).toBe('day2');
    expect(Array.isArray(doc.activities)).toBe(true);
    expect(sc('activities', 'no-such-group').code).toBe(4);
  });

  step('schedule creates, converges, lists, and unschedule removes', () => {
    const args = ['schedule', 'mornings', '--asg', 'day2', '--recurrence', '0 9 * * 1-5', '--min', '1', '--max', '4', '--desired', '2'];
    expect(sc(...args)).toMatchObject({ code: 0, stdout: 'mornings\tcreated\n' });
    expect(sc(...args)).toMatchObject({ code: 0, stdout: 'mornings\tunchanged\n' });
    expect(sc(...args.slice(0, -1), '3')).toMatchObject({ code: 0, stdout: 'mornings\tupdated\n' });
    const once = sc('schedule', 'burst', '--asg', 'day2', '--at', '2099-01-01T00:00:00Z', '--desired', '4');
    expect(once).toMatchObject({ code: 0, stdout: 'burst\tcreated\n' });
    const list = sc('describe-schedules', '--asg', 'day2');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' ')).sort()).toEqual(['day2 burst ', 'day2 mornings 0 9 * * 1-5']);
    const status = sc('status', '--stack', 'day2');
    expect(status.stdout).toMatch(/^scheduled-action\tday2\/mornings\t0 9 \* \* 1-5\t/m);
    expect(sc('unschedule', 'burst', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'burst\tdeleted\n' });
    expect(sc('unschedule', 'burst', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'burst\tunchanged\n' });
  });

  step('notify, describe-notifications and roll end in the one-line "not an AWS response" error (moto lacks the calls)', () => {
    for (const args of [['notify', 'day2', '--topic', TOPIC], ['describe-notifications', 'day2'], ['roll', 'day2']]) {
      const r = sc(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^error: the endpoint's answer \(HTTP 5\d\d\) is not an AWS response/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  step('teardown removes the schedule before the group', () => {
    const r = sc('teardown', '--stack', 'day2', '--yes', '--timeout', '2m');
    expect(r.code, r.stderr).toBe(0);
    const kinds = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(kinds.indexOf('scheduled-action day2/mornings deleted')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('scheduled-action day2/mornings deleted')).toBeLessThan(kinds.indexOf('auto-scaling-group day2 deleted'));
    expect(r.stderr).toContain('cannot read notification configurations');
  });
});
