// Declarations for commands that other branches are adding (the DNS and boot issue): `policy boot`
// and `policy dns register` work before those commands land. A command's own declaration wins:
// once src/commands/dns/boot.ts calls declarePermissions('boot', …), its entry here is unused and
// should be deleted (the integrator's follow-up).
import type { CommandPermissions } from '../permissions.js';

const DNS_RECORD = ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets'];

export const PENDING: Readonly<Record<string, CommandPermissions>> = {
  /** The boot hook on an instance: Elastic IP, load balancer, DNS. This is the instance role's whole policy. */
  boot: {
    actions: [
      'ec2:AssociateAddress', 'ec2:DescribeAddresses',
      'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
      ...DNS_RECORD,
    ],
    subject: 'elastic-ip',
  },
  'dns register': { actions: DNS_RECORD, subject: 'hosted-zone' },
  'dns deregister': { actions: DNS_RECORD, subject: 'hosted-zone' },
};
