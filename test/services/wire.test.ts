import { describe, expect, it } from 'vitest';
import { isAwsDocument, isReadOnlyOperation, rootElement } from '../../src/services/wire.js';
import { scrubText, secretWireForms } from '../../src/domain/redact.js';

describe('the AWS document check (trust #1 #3)', () => {
  it('finds the root element past a declaration, comments and a BOM', () => {
    expect(rootElement('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<DescribeLoadBalancersResponse xmlns="…">')).toBe('DescribeLoadBalancersResponse');
    expect(rootElement('<!DOCTYPE html><html>')).toBeUndefined();
    expect(rootElement('')).toBeUndefined();
  });

  it('a 2xx must be the operation\'s response; an error must be an error document of the protocol', () => {
    expect(isAwsDocument('query', 'DeleteLoadBalancer', 200, '<DeleteLoadBalancerResponse><ResponseMetadata/></DeleteLoadBalancerResponse>')).toBe(true);
    expect(isAwsDocument('query', 'DeleteLoadBalancer', 200, '<html><body>Welcome</body></html>')).toBe(false);
    expect(isAwsDocument('query', 'DeleteLoadBalancer', 200, '<DescribeLoadBalancersResponse/>')).toBe(false);
    expect(isAwsDocument('query', 'DeleteLoadBalancer', 200, '')).toBe(false);
    expect(isAwsDocument('query', 'X', 400, '<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>')).toBe(true);
    expect(isAwsDocument('ec2', 'X', 503, '<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors></Response>')).toBe(true);
    expect(isAwsDocument('query', 'X', 502, '<html><head><title>502 Bad Gateway</title></head></html>')).toBe(false);
  });

  it('only Describe*, Get* and List* count as read-only (trust #8)', () => {
    expect(['DescribeLoadBalancersCommand', 'GetServerCertificateCommand', 'ListMetricsCommand'].every(isReadOnlyOperation)).toBe(true);
    expect(['CreateLoadBalancerCommand', 'DeleteAlarmsCommand', 'PutMetricAlarmCommand', undefined].some(isReadOnlyOperation)).toBe(false);
  });
});

describe('secret wire forms (trust #11)', () => {
  const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7+/abc==\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789+/xyz\n-----END PRIVATE KEY-----\n';
  it('scrubs the key raw, URL-encoded, form-encoded, JSON-escaped and line by line', () => {
    const forms = secretWireForms(key);
    for (const echoed of [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString(), JSON.stringify(key), 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789+/xyz', encodeURIComponent('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7+/abc==')]) {
      const out = scrubText(`message: ${echoed} end`, forms);
      expect(out).not.toContain('QUJDREVGR0hJSktMTU5PUFFSU1RV');
      expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEF');
    }
  });

  it('a URL-encoded key block cut off by a length cap is still scrubbed', () => {
    const cut = encodeURIComponent(key).slice(0, 90);
    expect(scrubText(`PrivateKey=${cut}`)).not.toContain('MIIEvQIBADANBgkq');
  });
});
