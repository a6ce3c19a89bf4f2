import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { ServerCertificateSummary } from '../../services/iam.js';
import { daysLeft as daysUntil, EXPIRY_WARNING_DAYS } from '../../domain/cert-dates.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl list-certs",
    "scalectl list-certs --output text",
    "scalectl list-certs --path-prefix /cloudfront/",
  ],
  text: [
    "name, arn, expiration, days-left",
  ],
  exitCodes: [3],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `list-certs` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('list-certs', {
  actions: [
    'iam:ListServerCertificates',
  ],
  subject: 'server-certificate',
});

/** Parsed flags of `list-certs`. */
export interface ListCertsOptions {
  pathPrefix?: string;
}

/** One server certificate as listed: IAM's summary plus how long it has left. */
export interface ListedCertificate extends ServerCertificateSummary {
  /** Whole days until expiration (negative once expired). */
  daysLeft?: number;
  /** `ok`, `expiring` (≤ 30 days) or `expired`; `unknown` without an expiration date. */
  state: 'ok' | 'expiring' | 'expired' | 'unknown';
}

/** Result of `list-certs` (json contract). */
export interface ListCertsResult {
  certificates: ListedCertificate[];
}

export function registerListCerts(program: Command, deps: Deps, run = listCerts): void {
  addDocs(program.command('list-certs'), docs)
    .description('list the IAM server certificates with their expiry and days left')
    .option('--path-prefix <path>', 'only certificates under this IAM path, e.g. /cloudfront/')
    .action(async (flags: { pathPrefix?: string }, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      const result = await run(flags.pathPrefix ? { pathPrefix: flags.pathPrefix } : {}, ctx);
      await render(result, listCertsView, ctx, ctx.io);
    });
}

export async function listCerts(opts: ListCertsOptions, ctx: Ctx): Promise<ListCertsResult> {
  const iam = await import('../../services/iam.js');
  const all = await iam.listServerCertificates(await ctx.aws.iam(), opts);
  const now = ctx.clock.now();
  const certificates = all
    .map((c): ListedCertificate => {
      const exp = c.expiration ? Date.parse(c.expiration) : NaN;
      const daysLeft = Number.isNaN(exp) ? undefined : daysUntil(exp, now);
      const state = daysLeft === undefined ? 'unknown' : exp < now ? 'expired' : daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'ok';
      return { ...c, ...(daysLeft !== undefined ? { daysLeft } : {}), state };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { certificates };
}

const listCertsView: View<ListCertsResult> = {
  empty: (r) => (r.certificates.length ? undefined : 'no server certificates'),
  table: (r, st) => ({
    head: ['NAME', 'ARN', 'EXPIRES', 'DAYS LEFT'],
    rows: r.certificates.map((c) => {
      const paint = c.state === 'expired' ? st.red : c.state === 'expiring' ? st.yellow : (s: string) => s;
      const days = c.state === 'expired' ? 'expired' : cell(c.daysLeft);
      return [c.name, cell(c.arn), paint(cell(c.expiration)), paint(days)];
    }),
  }),
  text: (r) => r.certificates.map((c) => [c.name, c.arn, c.expiration, c.daysLeft]),
  json: (r) => r,
};
