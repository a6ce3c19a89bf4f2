import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { CredentialSource } from '../../domain/credentials.js';
import { classifyError, ConfigError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `config` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('config', {
  actions: [],
});

/** Parsed flags of `config`. */
export interface ConfigOptions {
  /** Resolve the credentials now (SSO tokens, assumed roles, instance roles) to prove they work. */
  verify: boolean;
}

/** What a run would use, and where each value came from. Never holds a secret. */
export interface ConfigResult {
  region: { value?: string; source?: string };
  profile: { value: string; source: string };
  credentials: { kind: CredentialSource['kind']; detail: string; verified?: boolean; expires?: string; problem?: string };
  endpoint: { value?: string; source?: string; services: Array<{ service: string; url: string }> };
  output: { format: string; source: string };
}

const SERVICE_ENDPOINT_VARS = ['ELASTIC_LOAD_BALANCING', 'IAM', 'AUTO_SCALING', 'CLOUDWATCH', 'EC2'];

export function registerConfig(program: Command, deps: Deps, run = showConfig): void {
  program
    .command('config')
    .description('show the region, credentials, endpoint and output a run would use, and where each comes from')
    .option('--verify', 'also resolve the credentials now (SSO, assume-role, instance role) to prove they work')
    .action(async (flags: { verify?: boolean }, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      const result = await run({ verify: flags.verify === true }, ctx);
      await render(result, configView, ctx, ctx.io);
      if (!result.region.value) throw new ConfigError('no AWS region configured', 'pass --region, set AWS_REGION, or add "region = …" to your profile in ~/.aws/config');
      if (result.credentials.kind === 'none' || result.credentials.problem) {
        throw new ConfigError(result.credentials.problem ?? 'no AWS credentials found', 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run "aws configure" or "aws sso login", pass --profile, or set AWS_CREDENTIAL_FILE');
      }
    });
}

export async function showConfig(opts: ConfigOptions, ctx: Ctx): Promise<ConfigResult> {
  const s = await ctx.settings();
  const result: ConfigResult = {
    region: { ...(s.region ? { value: s.region, source: s.regionSource } : {}) },
    profile: { value: s.profile ?? 'default', source: s.profileSource ?? 'default' },
    credentials: { kind: s.credentials.kind, detail: s.credentials.detail },
    endpoint: {
      ...(s.endpoint ? { value: s.endpoint, source: s.endpointSource } : {}),
      services: SERVICE_ENDPOINT_VARS.flatMap((v) => {
        const url = ctx.env[`AWS_ENDPOINT_URL_${v}`];
        return url && s.endpointSource !== '--endpoint-url' ? [{ service: v.toLowerCase().replace(/_/g, '-'), url }] : [];
      }),
    },
    output: { format: ctx.format, source: ctx.globals.output ? '--output' : ctx.io.stdoutIsTTY ? 'stdout is a terminal' : 'stdout is not a terminal' },
  };
  if (opts.verify && s.credentials.kind !== 'none') {
    try {
      const creds = s.staticKeys ?? (await (await import('@aws-sdk/credential-provider-node')).defaultProvider(s.profile ? { profile: s.profile } : {})());
      result.credentials.verified = true;
      const expiration = (creds as { expiration?: Date }).expiration;
      if (expiration) result.credentials.expires = expiration.toISOString();
    } catch (err) {
      result.credentials.verified = false;
      result.credentials.problem = `credentials did not resolve: ${classifyError(err).message}`;
    }
  }
  return result;
}

const configView: View<ConfigResult> = {
  table: (r, st) => ({
    head: ['SETTING', 'VALUE', 'FROM'],
    rows: [
      ['region', r.region.value ?? st.red('none'), cell(r.region.source)],
      ['profile', r.profile.value, r.profile.source],
      ['credentials', r.credentials.kind === 'none' ? st.red('none') : r.credentials.kind, credentialNote(r)],
      ['endpoint', r.endpoint.value ?? 'AWS default', cell(r.endpoint.source)],
      ...r.endpoint.services.map((e) => [`endpoint (${e.service})`, e.url, `AWS_ENDPOINT_URL_${e.service.toUpperCase().replace(/-/g, '_')}`]),
      ['output', r.output.format, r.output.source],
    ],
  }),
  text: (r) => [
    ['region', r.region.value ?? '', r.region.source ?? ''],
    ['profile', r.profile.value, r.profile.source],
    ['credentials', r.credentials.kind, credentialNote(r)],
    ['endpoint', r.endpoint.value ?? '', r.endpoint.source ?? ''],
    ...r.endpoint.services.map((e) => [`endpoint:${e.service}`, e.url, 'env']),
    ['output', r.output.format, r.output.source],
  ],
  json: (r) => r,
};

function credentialNote(r: ConfigResult): string {
  const c = r.credentials;
  const verified = c.verified === true ? `; verified${c.expires ? `, expires ${c.expires}` : ''}` : c.verified === false ? `; ${c.problem}` : '';
  return `${c.detail}${verified}`;
}
