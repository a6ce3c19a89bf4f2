// The elb-* family: each entry parses legacy argv and calls the native run or service functions.
import type { LegacyCommand } from '../framework.js';
import { elbCreateLb, elbCreateLbListeners, elbDeleteLb, elbDeleteLbListeners } from './create.js';
import { elbDeregisterInstancesFromLb, elbDescribeInstanceHealth, elbDescribeLbs, elbDisableZonesForLb, elbEnableZonesForLb, elbRegisterInstancesWithLb } from './describe.js';
import { elbConfigureHealthcheck, elbCreateAppCookieStickinessPolicy, elbCreateLbCookieStickinessPolicy, elbSetLbListenerSslCert, elbSetLbPoliciesOfListener } from './listener.js';

export const commands: LegacyCommand[] = [
  elbCreateLb, elbDeleteLb, elbDescribeLbs, elbConfigureHealthcheck, elbCreateLbListeners, elbDeleteLbListeners,
  elbCreateAppCookieStickinessPolicy, elbCreateLbCookieStickinessPolicy, elbSetLbPoliciesOfListener, elbSetLbListenerSslCert,
  elbRegisterInstancesWithLb, elbDeregisterInstancesFromLb, elbDescribeInstanceHealth, elbEnableZonesForLb, elbDisableZonesForLb,
];
