import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { CredentialSource } from '../../domain/credentials.js';
import { classifyError, ConfigError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { checkSettings, type AwsSettings } from '../../settings.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl config",
    "scalectl config --profile prod --verify",
    "scalectl config --region eu-west-1 --output text",
  ],
  text: [
    "setting, value, source (one line each: region, profile, credentials, endpoint, output)",
  ],
  exitCodes: [3],
};
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
  /** `invalid` says why the value cannot be used (the run exits 2 or 3). */
  region: { value?: string; source?: string; invalid?: string };
  profile: { value: string; source: string };
  credentials: { kind: CredentialSource['kind']; detail: string; verified?: boolean; expires?: string; problem?: string };
  endpoint: { value?: string; source?: string; invalid?: string; services: Array<{ service: string; url: string; invalid?: string }> };
  output: { format: string; source: string };
}

const SERVICE_ENDPOINT_VARS = ['ELASTIC_LOAD_BALANCING', 'IAM', 'AUTO_SCALING', 'CLOUDWATCH', 'EC2'];

export function registerConfig(program: Command, deps: Deps, run = showConfig): void {
  addDocs(program.command('config'), docs)
    .description('show the region, credentials, endpoint and output a run would use, and where each comes from')
    .option('--verify', 'also resolve the credentials now (SSO, assume-role, instance role) to prove they work')
    .action(async (flags: { verify?: boolean }, cmd: Command) => {
      const ctx = await contextOf(cmd, deps, { showInvalid: true });
      const result = await run({ verify: flags.verify === true }, ctx);
      await render(result, configView, ctx, ctx.io);
      const settings = await ctx.settings().catch(() => undefined);
      if (settings) checkSettings(settings);
      if (!result.region.value) throw new ConfigError('no AWS region configured', 'pass --region, set AWS_REGION, or add "region = …" to your profile in ~/.aws/config');
      if (result.credentials.kind === 'none' || result.credentials.problem) {
        const problem = result.credentials.problem;
        throw new ConfigError(problem ?? 'no AWS credentials found', problem && result.credentials.kind !== 'instance-metadata' ? 'fix that, then run "scalectl config --verify" again' : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run "aws configure" or "aws sso login", pass --profile, or set AWS_CREDENTIAL_FILE');
      }
    });
}

export async function showConfig(opts: ConfigOptions, ctx: Ctx): Promise<ConfigResult> {
  const s = await ctx.settings();
  const result: ConfigResult = {
    region: { ...(s.region ? { value: s.region, source: s.regionSource } : {}), ...invalidNote(s, 'region', s.region) },
    profile: { value: s.profile ?? 'default', source: s.profileSource ?? 'default' },
    credentials: { kind: s.credentials.kind, detail: s.credentials.detail },
    endpoint: {
      ...(s.endpoint ? { value: s.endpoint, source: s.endpointSource } : {}),
      ...invalidNote(s, 'endpoint', s.endpoint),
      services: SERVICE_ENDPOINT_VARS.flatMap((v) => {
        const url = ctx.env[`AWS_ENDPOINT_URL_${v}`]?.trim();
        const bad = s.invalid.find((i) => i.source === `AWS_ENDPOINT_URL_${v}`);
        return url && s.endpointSource !== '--endpoint-url' ? [{ service: v.toLowerCase().replace(/_/g, '-'), url, ...(bad ? { invalid: bad.problem } : {}) }] : [];
      }),
    },
    output: { format: ctx.format, source: ctx.globals.output ? '--output' : ctx.io.stdoutIsTTY ? 'stdout is a terminal' : 'stdout is not a terminal' },
  };
  // The instance role is only the last resort of the chain, there whenever metadata is not
  // disabled: ask the metadata service (one short attempt) rather than report credentials that
  // are not there off EC2.
  if ((opts.verify && s.credentials.kind !== 'none') || s.credentials.kind === 'instance-metadata') {
    try {
      const creds = s.staticKeys
        ?? (s.credentialProcess ? await (await import('../../credential-process.js')).credentialProcessProvider(s.credentialProcess.profile, s.credentialProcess.command, (x) => ctx.io.addSecret(x))() : undefined)
        ?? (await (await import('@aws-sdk/credential-provider-node')).defaultProvider(s.profile ? { profile: s.profile } : {})());
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

function invalidNote(s: AwsSettings, setting: 'region' | 'endpoint', value: string | undefined): { invalid?: string } {
  const bad = s.invalid.find((i) => i.setting === setting && i.value === value);
  return bad ? { invalid: bad.problem } : {};
}

const configView: View<ConfigResult> = {
  table: (r, st) => ({
    head: ['SETTING', 'VALUE', 'FROM'],
    rows: [
      ['region', r.region.value ? (r.region.invalid ? st.red(`${r.region.value} (invalid: ${r.region.invalid})`) : r.region.value) : st.red('none'), cell(r.region.source)],
      ['profile', r.profile.value, r.profile.source],
      ['credentials', r.credentials.kind === 'none' ? st.red('none') : r.credentials.kind, credentialNote(r)],
      ['endpoint', r.endpoint.value ? (r.endpoint.invalid ? st.red(`${r.endpoint.value} (invalid: ${r.endpoint.invalid})`) : r.endpoint.value) : 'AWS default', cell(r.endpoint.source)],
      ...r.endpoint.services.map((e) => [`endpoint (${e.service})`, e.invalid ? st.red(`${e.url} (invalid: ${e.invalid})`) : e.url, `AWS_ENDPOINT_URL_${e.service.toUpperCase().replace(/-/g, '_')}`]),
      ['output', r.output.format, r.output.source],
    ],
  }),
  text: (r) => [
    ['region', r.region.value ?? '', r.region.source ?? '', ...(r.region.invalid ? [`invalid: ${r.region.invalid}`] : [])],
    ['profile', r.profile.value, r.profile.source],
    ['credentials', r.credentials.kind, credentialNote(r)],
    ['endpoint', r.endpoint.value ?? '', r.endpoint.source ?? '', ...(r.endpoint.invalid ? [`invalid: ${r.endpoint.invalid}`] : [])],
    ...r.endpoint.services.map((e) => [`endpoint:${e.service}`, e.url, 'env', ...(e.invalid ? [`invalid: ${e.invalid}`] : [])]),
    ['output', r.output.format, r.output.source],
  ],
  json: (r) => r,
};

function credentialNote(r: ConfigResult): string {
  const c = r.credentials;
  const verified = c.verified === true ? `; verified${c.expires ? `, expires ${c.expires}` : ''}` : c.verified === false ? `; ${c.problem}` : '';
  return `${c.detail}${verified}`;
}
