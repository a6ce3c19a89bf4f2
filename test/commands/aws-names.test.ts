import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/output/escape.js';
import { asMock, cwMock, elbMock, iamMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';

const long = (n: number) => 'x'.repeat(n);
const ALARM = '--metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 60 --threshold 70 --comparison gt --evaluation-periods 2';

describe('names AWS would refuse are refused locally, exit 2, nothing sent (trust #18)', () => {
  it.each([
    [`put-policy ${long(300)} --asg web --adjust 1`, 'policy name is 300 characters; AWS allows at most 255'],
    [`put-policy "a\tb" --asg web --adjust 1`, 'policy name "a\\tb" holds a control character'],
    [`put-alarm ${long(300)} ${ALARM}`, 'alarm name is 300 characters; AWS allows at most 255'],
    [`put-alarm cpu --metric ${long(256)} --namespace AWS/EC2 --statistic Average --period 60 --threshold 70 --comparison gt --evaluation-periods 2`, '--metric is 256 characters; AWS allows at most 255'],
    [`put-alarm cpu --metric CPU --namespace :bad --statistic Average --period 60 --threshold 70 --comparison gt --evaluation-periods 2`, '--namespace may not start with ":"'],
    [`create-lb web --listener http:80 --zones us-east-1a --tag ${long(129)}=v`, `tag key "${long(20)}…" is 129 characters; AWS allows at most 128`],
    ['create-lb web --listener http:80 --zones us-east-1a --tag aws:owner=me', 'tag key "aws:owner" starts with "aws:", which AWS reserves for itself'],
    [`create-lb web --listener http:80 --zones us-east-1a --tag k=${long(257)}`, 'the value of tag k is 257 characters; AWS allows at most 256'],
    [`create-lb web --listener http:80 --zones us-east-1a --stack ${long(257)}`, 'the value of tag scalectl:stack is 257 characters; AWS allows at most 256'],
    ['create-asg web --image-id ami-1 --instance-type t3.micro --min 1 --max 2 --tag aws:x=1', 'tag key "aws:x" starts with "aws:", which AWS reserves for itself'],
    ['create-asg web --image-id ami-1 --instance-type t3.micro --min 1 --max 2 --health-check-type ELB --grace-period 99999999999', '--grace-period must be a whole number from 0 to 2147483647'],
    ['put-alarm cpu --metric "" --namespace AWS/EC2', '--metric was given an empty value'],
  ])('%s', async (line, message) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect([asMock, cwMock, elbMock, iamMock].reduce((n, m) => n + m.calls().length, 0)).toBe(0);
  });
});

describe('names read from AWS are printed with control characters escaped', () => {
  it('in text and table; json escapes them itself', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'evil\u001b[2J\rname', StateValue: 'OK', MetricName: 'CPU', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [], OKActions: [], InsufficientDataActions: [], Dimensions: [] }] });
    const text = await runCli('describe-alarms');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('evil\\x1b[2J\\rname');
    expect(text.stdout).not.toContain('\u001b');
    const table = await runCli('describe-alarms --no-color', { tty: true });
    expect(table.stdout).not.toContain('\u001b[2J');
    const json = await runCli('describe-alarms --output json');
    expect(JSON.parse(json.stdout).alarms?.[0]?.name ?? JSON.stringify(JSON.parse(json.stdout))).toContain('evil\u001b[2J\rname');
  });

  it('escapeControls', () => {
    expect(escapeControls('a\tb\nc\u0007d\u009b')).toBe('a\\tb\\nc\\x07d\\x9b');
  });
});
