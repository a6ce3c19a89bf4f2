import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { contextOf } from '../options.js';
import { addDnsAlias, dnsAlias } from './alias.js';
import { addDnsDeregister, dnsDeregister } from './deregister.js';
import { addDnsRegister, dnsRegister } from './register.js';
import { addDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** `dns` itself sends nothing; its subcommands declare their own actions. */
export const permissions = declarePermissions('dns', { actions: [] });

/** `dns alias|register|deregister`: Route 53 records for a balancer or for the instance itself. */
export function registerDns(program: Command, deps: Deps, runs = { alias: dnsAlias, register: dnsRegister, deregister: dnsDeregister }): void {
  const dns = addDocs(program.command('dns'), {
    examples: ['scalectl dns alias example.com --lb web --stack shop', 'scalectl dns alias www.example.com --lb web --ipv6 --zone example.com --dry-run', 'scalectl dns register --zone example.com --name www.example.com --ttl 30', 'scalectl dns deregister --zone example.com --name www.example.com'],
    text: ['dns alias: the record name', 'dns register / deregister: name, set-identifier (the instance id), address', 'with --dry-run, the plan: action, resource, name, request, detail'],
    exitCodes: [3, 4],
  }).helpCommand(false).description('Route 53 records: dns alias NAME --lb LB (the zone apex on a balancer); dns register / deregister (DNS-only balancing)');
  const ctxOf = (c: Command) => contextOf(c, deps);
  addDnsAlias(dns, runs.alias, ctxOf);
  addDnsRegister(dns, runs.register, ctxOf);
  addDnsDeregister(dns, runs.deregister, ctxOf);
}
