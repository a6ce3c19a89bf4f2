import { describe, expect, it } from 'vitest';
import { checkInstanceIds, finishListeners, listenerLabel, parseHealthCheck, parseListener, parseSticky, stickyPolicyName, stickyPorts } from '../../src/domain/listeners.js';
import { UsageError } from '../../src/errors.js';

describe('parseListener', () => {
  it.each([
    ['http:80', { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }],
    ['HTTPS:443:http:80', { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80 }],
    ['tcp:443', { protocol: 'TCP', port: 443, instanceProtocol: 'TCP', instancePort: 443 }],
    ['ssl:443:tcp:80', { protocol: 'SSL', port: 443, instanceProtocol: 'TCP', instancePort: 80 }],
    ['http:80:8080', { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 8080 }],
    ['protocol=HTTP, lb-port=80, instance-port=80', { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }],
    ['protocol=https,lb-port=443,instance-port=80,instance-protocol=http,cert-id=arn:aws:iam::1:server-certificate/x', { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificate: 'arn:aws:iam::1:server-certificate/x' }],
    ['protocol=ssl,lb-port=443,instance-port=8443', { protocol: 'SSL', port: 443, instanceProtocol: 'TCP', instancePort: 8443 }],
  ])('%s', (spec, want) => expect(parseListener(spec)).toEqual(want));

  it.each([
    ['ftp:21', 'unknown protocol "ftp" in "ftp:21"; use http, https, tcp or ssl'],
    ['http:0', 'port "0" in "http:0" is not a port from 1 to 65535'],
    ['http:65536', 'port "65536" in "http:65536" is not a port from 1 to 65535'],
    ['http', 'listener "http" does not parse; use PROTOCOL:PORT or PROTOCOL:PORT:INSTANCE-PROTOCOL:INSTANCE-PORT, e.g. http:80 or https:443:http:80'],
    ['http:80:tcp:80', 'listener "http:80:tcp:80": HTTP in front needs HTTP or HTTPS to the instances, not TCP'],
    ['protocol=http,lb-port=80', 'listener "protocol=http,lb-port=80" has no instance-port; e.g. protocol=http,lb-port=80,instance-port=80'],
    ['protocol=http,lb-port=80,instance-port=80,color=red', 'listener "protocol=http,lb-port=80,instance-port=80,color=red": unknown field "color=red"; fields are protocol, lb-port, instance-port, instance-protocol, cert-id'],
    ['protocol=http,lb-port=80,instance-port=80,cert-id=arn:x', 'listener "protocol=http,lb-port=80,instance-port=80,cert-id=arn:x": cert-id is only for HTTPS and SSL listeners'],
  ])('refuses %s', (spec, message) => {
    let err: unknown;
    try { parseListener(spec); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(UsageError);
    const u = err as UsageError;
    expect(u.hint ? `${u.message}; ${u.hint}` : u.message).toBe(message);
  });
});

describe('finishListeners', () => {
  it('gives --cert to secure listeners without cert-id and keeps an explicit one', () => {
    const ls = finishListeners([parseListener('http:80'), parseListener('https:443:http:80'), parseListener('protocol=ssl,lb-port=8443,instance-port=80,cert-id=arn:own')], 'site');
    expect(ls.map((l) => l.certificate)).toEqual([undefined, 'site', 'arn:own']);
  });
  it('refuses a secure listener without a certificate, duplicate ports and no listener', () => {
    expect(() => finishListeners([parseListener('ssl:443:tcp:80')])).toThrow('the SSL listener on port 443 needs a certificate');
    expect(() => finishListeners([parseListener('http:80'), parseListener('tcp:80')])).toThrow('two listeners use port 80');
    expect(() => finishListeners([])).toThrow('create-lb needs at least one --listener');
    expect(() => finishListeners([parseListener('http:80'), parseListener('https:443:https:80')], 'c')).toThrow('listeners on ports 80 and 443 both send to instance port 80, one as HTTP and one as HTTPS');
  });
});

describe('parseHealthCheck', () => {
  it('fills AWS defaults and upper-cases the protocol', () => {
    expect(parseHealthCheck('http:80/health')).toEqual({ target: 'HTTP:80/health', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 });
    expect(parseHealthCheck('TCP:443', { interval: 10, timeout: 3, healthyThreshold: 2, unhealthyThreshold: 3 })).toEqual({ target: 'TCP:443', interval: 10, timeout: 3, healthyThreshold: 2, unhealthyThreshold: 3 });
    expect(parseHealthCheck('SSL:443').target).toBe('SSL:443');
    expect(parseHealthCheck('HTTP:80/', { interval: 5 })).toMatchObject({ interval: 5, timeout: 4 });
  });
  it.each([
    ['HTTP:80', {}, 'health check target "HTTP:80" needs a path for HTTP'],
    ['TCP:80/x', {}, 'health check target "TCP:80/x": TCP checks take no path'],
    ['PING:80', {}, 'health check target "PING:80" does not parse'],
    ['HTTP:99999/x', {}, 'health check port "99999" in "HTTP:99999/x" is not a port from 1 to 65535'],
    ['HTTP:80/', { interval: 4 }, '--interval 4 is outside AWS\'s range of 5 to 300'],
    ['HTTP:80/', { interval: 301 }, '--interval 301 is outside AWS\'s range of 5 to 300'],
    ['HTTP:80/', { timeout: 1 }, '--timeout 1 is outside AWS\'s range of 2 to 60'],
    ['HTTP:80/', { healthyThreshold: 11 }, '--healthy-threshold 11 is outside AWS\'s range of 2 to 10'],
    ['HTTP:80/', { unhealthyThreshold: 1 }, '--unhealthy-threshold 1 is outside AWS\'s range of 2 to 10'],
    ['HTTP:80/', { interval: 10, timeout: 10 }, '--timeout 10 must be less than --interval 10'],
  ])('refuses %s %o', (target, timing, message) => {
    expect(() => parseHealthCheck(target, timing)).toThrow(message);
  });
});

describe('stickiness', () => {
  it('parses app and lb cookies with an optional port', () => {
    expect(parseSticky('app:JSESSIONID')).toEqual({ kind: 'app', cookie: 'JSESSIONID' });
    expect(parseSticky('lb')).toEqual({ kind: 'lb' });
    expect(parseSticky('LB:3600@443')).toEqual({ kind: 'lb', expirationSeconds: 3600, port: 443 });
    expect(() => parseSticky('app')).toThrow('needs a cookie name');
    expect(() => parseSticky('lb:soon')).toThrow('the cookie lifetime must be a whole number of seconds');
    expect(() => parseSticky('ip')).toThrow('does not parse');
  });
  it('chooses the HTTP/HTTPS listeners and refuses TCP-only', () => {
    const ls = [parseListener('http:80'), parseListener('tcp:8443'), { ...parseListener('https:443:http:80'), certificate: 'c' }];
    expect(stickyPorts({ kind: 'lb' }, ls)).toEqual([80, 443]);
    expect(stickyPorts({ kind: 'lb', port: 443 }, ls)).toEqual([443]);
    expect(() => stickyPorts({ kind: 'lb', port: 8443 }, ls)).toThrow('--sticky needs an HTTP or HTTPS listener; port 8443 is TCP');
    expect(() => stickyPorts({ kind: 'lb', port: 81 }, ls)).toThrow('--sticky names port 81, but no --listener uses it');
    expect(() => stickyPorts({ kind: 'app', cookie: 'C' }, [parseListener('tcp:80')])).toThrow('only TCP/SSL listeners');
  });
  it('names policies deterministically', () => {
    expect(stickyPolicyName({ kind: 'app', cookie: 'JSESSIONID' })).toBe('scalectl-app-JSESSIONID');
    expect(stickyPolicyName({ kind: 'app', cookie: 'my_cookie.v2' })).toBe('scalectl-app-my-cookie-v2-27de1c');
    // Cookies that differ only where a policy name cannot follow them get different policies.
    expect(stickyPolicyName({ kind: 'app', cookie: 'sess.id' })).not.toBe(stickyPolicyName({ kind: 'app', cookie: 'sess_id' }));
    expect(stickyPolicyName({ kind: 'lb', expirationSeconds: 60 })).toBe('scalectl-lb-60');
    expect(stickyPolicyName({ kind: 'lb' })).toBe('scalectl-lb-session');
  });
});

describe('helpers', () => {
  it('labels listeners and checks instance ids', () => {
    expect(listenerLabel(parseListener('http:80'))).toBe('http:80');
    expect(listenerLabel(parseListener('https:443:http:80'))).toBe('https:443:http:80');
    expect(checkInstanceIds(['i-12345678', 'i-0123456789abcdef0'])).toEqual(['i-12345678', 'i-0123456789abcdef0']);
    expect(() => checkInstanceIds(['web-1'])).toThrow('"web-1" is not an instance id');
    expect(() => checkInstanceIds([])).toThrow('name at least one instance id');
  });
});
