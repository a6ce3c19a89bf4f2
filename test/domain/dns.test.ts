import { describe, expect, it } from 'vitest';
import { parseBootConfig } from '../../src/domain/boot.js';
import { planAliasDelete } from '../../src/domain/dns-alias.js';
import { aliasTargetOf } from '../../src/domain/dns-target.js';
import { markerStack, normalizeName, pickZone, type DnsRecord } from '../../src/domain/dns.js';

describe('aliasTargetOf', () => {
  it('an internet-facing classic balancer: its canonical zone and its dualstack name', () => {
    expect(aliasTargetOf({ name: 'web', dnsName: 'web-1.eu-west-1.elb.amazonaws.com', hostedZoneId: 'ZOWN', scheme: 'internet-facing' })).toEqual({ hostedZoneId: 'ZOWN', dnsName: 'dualstack.web-1.eu-west-1.elb.amazonaws.com' });
  });
  it('an internal balancer has no dualstack name; a missing zone id comes from the region table', () => {
    expect(aliasTargetOf({ name: 'in', dnsName: 'internal-in-1.us-west-2.elb.amazonaws.com', scheme: 'internal' })).toEqual({ hostedZoneId: 'Z1H1FL5HABSF5', dnsName: 'internal-in-1.us-west-2.elb.amazonaws.com' });
  });
  it('an ELBv2 network balancer plugs in with its own zone id and plain name', () => {
    expect(aliasTargetOf({ name: 'nlb', dnsName: 'nlb-1.elb.us-east-1.amazonaws.com', hostedZoneId: 'Z26RNL4JYFTOTI', type: 'network' })).toEqual({ hostedZoneId: 'Z26RNL4JYFTOTI', dnsName: 'nlb-1.elb.us-east-1.amazonaws.com' });
  });
  it('refuses a balancer whose zone it cannot know', () => {
    expect(() => aliasTargetOf({ name: 'x', dnsName: 'x.example.net' })).toThrow('load balancer x does not say its canonical hosted zone');
  });
});

describe('zones and markers', () => {
  const zones = [{ id: 'Z1', name: 'example.com', private: false }, { id: 'Z2', name: 'a.example.com', private: false }, { id: 'Z3', name: 'b.example.com', private: true }];
  it('the longest public suffix wins; a private zone only when named', () => {
    expect(pickZone(zones, 'x.a.example.com')?.id).toBe('Z2');
    expect(pickZone(zones, 'x.b.example.com')?.id).toBe('Z1');
    expect(pickZone(zones, 'x.b.example.com', 'b.example.com')?.id).toBe('Z3');
    expect(pickZone(zones, 'x.b.example.com', '/hostedzone/Z3')?.id).toBe('Z3');
    expect(pickZone(zones, 'example.org')).toBeUndefined();
  });
  it('names are compared without the trailing dot, in lower case, with \\052 as *', () => {
    expect(normalizeName('\\052.Example.COM.')).toBe('*.example.com');
  });
  it('reads the stack from a marker; anything else is no marker', () => {
    expect(markerStack(['"heritage=scalectl,scalectl/stack=shop"'])).toBe('shop');
    expect(markerStack(['"heritage=external-dns,external-dns/owner=default"'])).toBeUndefined();
    expect(markerStack(undefined)).toBeUndefined();
  });
  it('deleting for a stack touches nothing unless the marker names that stack', () => {
    const recs: DnsRecord[] = [
      { name: 'example.com', type: 'A', alias: { hostedZoneId: 'Z', dnsName: 'd', evaluateHealth: false } },
      { name: '_scalectl.example.com', type: 'TXT', ttl: 300, values: ['"heritage=scalectl,scalectl/stack=blog"'] },
    ];
    expect(planAliasDelete('example.com', recs, 'shop')).toEqual([]);
    expect(planAliasDelete('example.com', recs, 'blog').map((c) => `${c.action} ${c.record.type}`)).toEqual(['DELETE A', 'DELETE TXT']);
    expect(planAliasDelete('example.com', [recs[0]!], 'blog')).toEqual([]);
  });
});

describe('parseBootConfig', () => {
  it('collects key=value words from every #scalectl line, with defaults', () => {
    expect(parseBootConfig('#!/bin/sh\n#scalectl eip=203.0.113.10\n  #scalectl lb=web dns=example.com:example.com\r\necho\n', 'x')).toEqual({
      eip: { publicIp: '203.0.113.10' }, lb: 'web', dns: { zone: 'example.com', name: 'example.com', ttl: 60 },
    });
  });
  it('a #scalectlfoo line is not the block; an empty block says nothing to do', () => {
    expect(() => parseBootConfig('#scalectlfoo lb=web', 'x')).toThrow('x has no #scalectl block');
    expect(() => parseBootConfig('#scalectl', 'x')).toThrow('the #scalectl block says nothing to do');
    expect(() => parseBootConfig('#scalectl dns=example.com', 'x')).toThrow('dns=example.com must be ZONE:NAME[:TTL]');
  });
});
