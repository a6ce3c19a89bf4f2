// elb-configure-healthcheck, the two stickiness policies, elb-set-lb-policies-of-listener, elb-set-lb-listener-ssl-cert.
import { setLbCert } from '../../commands/lb/set-lb-cert.js';
import { checkLbName, parseHealthCheck } from '../../domain/listeners.js';
import { UsageError } from '../../errors.js';
import { int, list, nameArg, need, val, type LegacyCommand } from '../framework.js';

const LB = { long: 'lb', kind: 'value' } as const;

function port(p: import('../argv.js').Parsed, key: string): number {
  const n = int(p, key, 1);
  if (n === undefined) throw new UsageError(`--${key} is required`);
  if (n > 65535) throw new UsageError(`--${key} must be a port number, got ${n}`);
  return n;
}

const healthCheck = { type: 'HEALTH_CHECK', columns: [{ head: 'TARGET' }, { head: 'INTERVAL' }, { head: 'TIMEOUT' }, { head: 'HEALTHY_THRESHOLD' }, { head: 'UNHEALTHY_THRESHOLD' }] };
const TIMING = ['interval', 'timeout', 'healthy-threshold', 'unhealthy-threshold'] as const;

export const elbConfigureHealthcheck: LegacyCommand = {
  name: 'elb-configure-healthcheck',
  usage: 'elb-configure-healthcheck LoadBalancerName --target value --interval value --timeout value --healthy-threshold value --unhealthy-threshold value [General Options]',
  options: [LB, { long: 'target', short: 't', kind: 'value' }, ...TIMING.map((long) => ({ long, kind: 'value' as const }))],
  translate: (p) => ({
    args: ['create-lb', nameArg(p, 'LoadBalancerName', 'lb'), '--health-check', need(p, 'target'), ...TIMING.flatMap((k) => (val(p, k) !== undefined ? [`--${k}`, val(p, k)!] : []))],
    notes: ['create-lb converges the whole balancer: add its --listener specs too'],
  }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    for (const k of TIMING) need(p, k);
    const hc = parseHealthCheck(need(p, 'target'), { interval: int(p, 'interval')!, timeout: int(p, 'timeout')!, healthyThreshold: int(p, 'healthy-threshold')!, unhealthyThreshold: int(p, 'unhealthy-threshold')! });
    const { applyElbOp } = await import('../../services/elb-apply.js');
    await applyElbOp(await ctx.aws.elb(), { operation: 'ConfigureHealthCheck', input: { name, healthCheck: hc } });
    return { records: [{ of: healthCheck, cells: [hc.target, hc.interval, hc.timeout, hc.healthyThreshold, hc.unhealthyThreshold] }] };
  },
};

export const elbCreateAppCookieStickinessPolicy: LegacyCommand = {
  name: 'elb-create-app-cookie-stickiness-policy',
  usage: 'elb-create-app-cookie-stickiness-policy LoadBalancerName --cookie-name value --policy-name value [General Options]',
  options: [LB, { long: 'cookie-name', short: 'c', kind: 'value' }, { long: 'policy-name', short: 'p', kind: 'value' }],
  translate: (p) => ({ args: ['create-lb', nameArg(p, 'LoadBalancerName', 'lb'), '--sticky', `app:${need(p, 'cookie-name')}`], notes: ['create-lb names the policy itself and attaches it to the HTTP/HTTPS listeners; add the --listener specs too'] }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const input = { name, policyName: need(p, 'policy-name'), cookieName: need(p, 'cookie-name') };
    const { applyElbOp } = await import('../../services/elb-apply.js');
    await applyElbOp(await ctx.aws.elb(), { operation: 'CreateAppCookieStickinessPolicy', input });
    return { lines: ['OK-Creating App Stickiness Policy'] };
  },
};

export const elbCreateLbCookieStickinessPolicy: LegacyCommand = {
  name: 'elb-create-lb-cookie-stickiness-policy',
  usage: 'elb-create-lb-cookie-stickiness-policy LoadBalancerName --policy-name value [--expiration-period value] [General Options]',
  options: [LB, { long: 'policy-name', short: 'p', kind: 'value' }, { long: 'expiration-period', short: 'e', kind: 'value' }],
  translate: (p) => ({ args: ['create-lb', nameArg(p, 'LoadBalancerName', 'lb'), '--sticky', val(p, 'expiration-period') ? `lb:${val(p, 'expiration-period')}` : 'lb'], notes: ['create-lb names the policy itself and attaches it to the HTTP/HTTPS listeners; add the --listener specs too'] }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const seconds = int(p, 'expiration-period', 1);
    const { applyElbOp } = await import('../../services/elb-apply.js');
    await applyElbOp(await ctx.aws.elb(), { operation: 'CreateLBCookieStickinessPolicy', input: { name, policyName: need(p, 'policy-name'), ...(seconds ? { expirationSeconds: seconds } : {}) } });
    return { lines: ['OK-Creating LB Stickiness Policy'] };
  },
};

export const elbSetLbPoliciesOfListener: LegacyCommand = {
  name: 'elb-set-lb-policies-of-listener',
  usage: 'elb-set-lb-policies-of-listener LoadBalancerName --lb-port value --policy-names value[,value...] [General Options]',
  options: [LB, { long: 'lb-port', short: 'l', kind: 'value' }, { long: 'policy-names', short: 'p', kind: 'list' }],
  translate: () => ({ args: [], notes: ['no single native command: create-lb NAME --sticky … @PORT attaches the stickiness policy it manages'] }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const lbPort = port(p, 'lb-port');
    // `--policy-names ""` clears the listener's policies, so an empty list is allowed here.
    if (!p.lists.has('policy-names')) throw new UsageError('--policy-names is required (give "" to remove all policies)');
    const { setListenerPolicies } = await import('../../services/elb-listeners.js');
    await setListenerPolicies(await ctx.aws.elb(), { name, port: lbPort, policies: list(p, 'policy-names') ?? [] });
    return { lines: ['OK-Setting Policies'] };
  },
};

export const elbSetLbListenerSslCert: LegacyCommand = {
  name: 'elb-set-lb-listener-ssl-cert',
  usage: 'elb-set-lb-listener-ssl-cert LoadBalancerName --lb-port value --cert-id value [General Options]',
  options: [LB, { long: 'lb-port', short: 'l', kind: 'value' }, { long: 'cert-id', short: 'c', kind: 'value' }],
  translate: (p) => ({ args: ['set-lb-cert', nameArg(p, 'LoadBalancerName', 'lb'), '--port', need(p, 'lb-port'), '--cert', need(p, 'cert-id')] }),
  run: async (p, ctx) => {
    const r = await setLbCert({ name: checkLbName(nameArg(p, 'LoadBalancerName', 'lb')), port: port(p, 'lb-port'), cert: need(p, 'cert-id'), dryRun: false }, ctx);
    return { lines: ['OK-Setting SSL Certificate'] };
  },
};
