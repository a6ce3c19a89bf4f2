import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { contextOf } from '../options.js';
import { addDnsAlias, dnsAlias } from './alias.js';
import { addDnsDeregister, dnsDeregister } from './deregister.js';
import { addDnsRegister, dnsRegister } from './register.js';

/** `dns alias|register|deregister`: Route 53 records for a balancer or for the instance itself. */
export function registerDns(program: Command, deps: Deps, runs = { alias: dnsAlias, register: dnsRegister, deregister: dnsDeregister }): void {
  const dns = program.command('dns').helpCommand(false).description('Route 53 records: dns alias NAME --lb LB (the zone apex on a balancer); dns register / deregister (DNS-only balancing)');
  const ctxOf = (c: Command) => contextOf(c, deps);
  addDnsAlias(dns, runs.alias, ctxOf);
  addDnsRegister(dns, runs.register, ctxOf);
  addDnsDeregister(dns, runs.deregister, ctxOf);
}
