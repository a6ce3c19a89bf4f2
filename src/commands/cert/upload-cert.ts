import { InvalidArgumentError, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { CertificateInfo } from '../../domain/cert-check.js';
import { explainUploadError, rotationHint } from '../../domain/cert-errors.js';
import type { InputFile } from '../../domain/pem.js';
import { secretWireForms } from '../../domain/redact.js';
import { errorName } from '../../domain/retry.js';
import { withStackTag, type Tag } from '../../domain/stack.js';
import { OperationError, UsageError } from '../../errors.js';
import { INPUT_LIMITS, InputFileError, readInputFile } from '../../input-file.js';
import { cell, render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, addStack, addTags, contextOf, type KeyValue } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl upload-cert www-2026 --cert /etc/letsencrypt/live/www/fullchain.pem --key /etc/letsencrypt/live/www/privkey.pem --stack web",
    "scalectl upload-cert www --cert cert.pem --key key.pem --chain chain.pem",
    "scalectl upload-cert www --cert cert.pem --key key.pem --dry-run",
  ],
  text: [
    "certificate-arn",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `upload-cert` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('upload-cert', {
  actions: [
    'iam:GetServerCertificate',
    'iam:TagServerCertificate',
    'iam:UploadServerCertificate',
  ],
  subject: 'server-certificate',
});

/** Parsed flags of `upload-cert`. */
export interface UploadCertOptions {
  name: string;
  certFile: string;
  keyFile: string;
  chainFile?: string;
  path: string;
  tags: Tag[];
  stack?: string;
  dryRun: boolean;
}

/** The uploaded (or already present) certificate. */
export interface UploadedCertificate extends CertificateInfo {
  name: string;
  arn?: string;
  id?: string;
  path: string;
}

/** Result of `upload-cert` (json contract). */
export interface UploadCertResult {
  certificate: UploadedCertificate;
  /** `tagged`: the certificate was already there and only missing tags were added. */
  status: 'uploaded' | 'unchanged' | 'tagged';
  /** What was fixed on the way: conversions, reordering, dropped certificates. */
  notes: string[];
  warnings: string[];
}

const NAME = /^[\w+=,.@-]{1,128}$/;

function pathArg(value: string): string {
  if (!/^\/([\x21-\x7e]+\/)?$/.test(value) || value.length > 512) throw new InvalidArgumentError('--path must start and end with / (for example / or /cloudfront/).');
  return value;
}

export function registerUploadCert(program: Command, deps: Deps, run = uploadCert): void {
  const cmd = addDocs(program.command('upload-cert'), docs)
    .description('check a server certificate, its chain and key locally, then upload them to IAM; prints the ARN')
    .argument('<name>', 'certificate name (letters, digits and +=,.@_-)')
    .requiredOption('--cert <file>', 'PEM certificate; a fullchain.pem (leaf first, then intermediates) is split by itself')
    .requiredOption('--key <file>', 'PEM private key, unencrypted (PKCS#8 is converted to the PKCS#1 form IAM expects)')
    .option('--chain <file>', 'PEM intermediate certificates (any order; a root or a copy of the leaf is dropped)')
    .option('--path <path>', 'IAM path, e.g. /cloudfront/', pathArg, '/');
  addTags(addStack(addDryRun(cmd)));
  cmd.action(async (name: string, flags: { cert: string; key: string; chain?: string; path: string; tag?: KeyValue[]; stack?: string; dryRun?: boolean }, c: Command) => {
    if (!NAME.test(name)) throw new UsageError(`certificate name "${name}" is not valid`, 'use up to 128 letters, digits and +=,.@_-');
    const ctx = await contextOf(c, deps);
    const opts: UploadCertOptions = { name, certFile: flags.cert, keyFile: flags.key, ...(flags.chain ? { chainFile: flags.chain } : {}), path: flags.path, tags: flags.tag ?? [], ...(flags.stack ? { stack: flags.stack } : {}), dryRun: flags.dryRun === true };
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, uploadCertView, ctx, ctx.io);
  });
}

export async function uploadCert(opts: UploadCertOptions, ctx: Ctx): Promise<UploadCertResult | PlanResult> {
  const cert = await readInput(opts.certFile, '--cert');
  const key = await readInput(opts.keyFile, '--key');
  // A server may echo the request (the key in it) in an error message: never let it reach any output.
  for (const f of secretWireForms(new TextDecoder().decode(key.data))) ctx.io.addSecret(f);
  const chain = opts.chainFile ? await readInput(opts.chainFile, '--chain') : undefined;
  const keyWarning = await keyPermissionWarning(opts.keyFile);
  // Loaded here, not at start-up: node:crypto is only needed once a certificate is read.
  const { prepareCertificate, sameCertificate, sameChain } = await import('../../domain/cert-check.js');
  const prepared = prepareCertificate({ cert, key, ...(chain ? { chain } : {}) }, ctx.clock.now());
  for (const f of secretWireForms(prepared.privateKey)) ctx.io.addSecret(f); // as sent (PKCS#8 converted)
  const warnings = [...(keyWarning ? [keyWarning] : []), ...prepared.warnings];
  for (const n of prepared.notes) ctx.log.progress(`note: ${n}`);
  for (const w of warnings) ctx.log.warn(w);

  const iam = await import('../../services/iam.js');
  const live = await readLive(ctx, opts.dryRun, async () => iam.getServerCertificate(await ctx.aws.iam(), opts.name), undefined);
  const certificate: UploadedCertificate = { name: opts.name, path: opts.path, ...prepared.info };
  if (live) {
    if (!live.body || !sameCertificate(live.body, prepared)) {
      const what = live.body ? 'a different certificate is' : 'a certificate (whose body the endpoint did not return) is';
      throw new OperationError(`${what} already stored in IAM as ${opts.name}${live.expiration ? ` (expires ${live.expiration})` : ''}`, rotationHint(opts.name, prepared.info.expiration));
    }
    if (live.chain !== undefined && prepared.chain !== undefined && !sameChain(live.chain, prepared.chain)) {
      ctx.log.warn(`${opts.name} is already uploaded with a different chain; ${rotationHint(opts.name, prepared.info.expiration)}`);
    }
    const existing = { ...certificate, ...(live.arn ? { arn: live.arn } : {}), ...(live.id ? { id: live.id } : {}), path: live.path ?? opts.path };
    // Same certificate: only tags asked for and missing (e.g. --stack added on a re-run) are sent.
    let missing = withStackTag(opts.tags, opts.stack).filter((t) => !live.tags.some((l) => l.key === t.key && l.value === t.value));
    // moto neither stores a server certificate's tags nor implements TagServerCertificate (a 500
    // that the SDK retries for ~40 s): on a look-alike endpoint whose answer has no Tags field at
    // all, the tags are unknown, so leave them alone. Real AWS reports them and is re-tagged as usual.
    const lookAlike = !!(await ctx.settings()).endpoint || !!ctx.env.AWS_ENDPOINT_URL_IAM;
    if (missing.length && !live.tagsReported && lookAlike) {
      ctx.log.warn(`the endpoint does not report the tags of ${opts.name}; not tagging it again (${missing.map((t) => `${t.key}=${t.value}`).join(', ')})`);
      missing = [];
    }
    const steps: Step[] = [{ action: 'unchanged', resource: 'server-certificate', name: opts.name, detail: 'the same certificate is already uploaded', run: async () => {} }];
    if (missing.length) {
      const tagInput = { name: opts.name, tags: missing };
      steps.push({ action: 'tag', resource: 'server-certificate', name: opts.name, detail: missing.map((t) => `${t.key}=${t.value}`).join(', '), request: { service: 'iam', operation: 'TagServerCertificate', input: iam.tagServerCertificateRequest(tagInput) }, run: async () => iam.tagServerCertificate(await ctx.aws.iam(), tagInput) });
    }
    if (opts.dryRun) return toPlan(steps);
    await executePlan(steps, ctx.log);
    return { certificate: existing, status: missing.length ? 'tagged' : 'unchanged', notes: prepared.notes, warnings };
  }

  const input = { name: opts.name, path: opts.path, body: prepared.body, ...(prepared.chain ? { chain: prepared.chain } : {}), privateKey: prepared.privateKey, tags: withStackTag(opts.tags, opts.stack) };
  let uploaded = certificate;
  const step: Step = {
    action: 'upload',
    resource: 'server-certificate',
    name: opts.name,
    detail: `${prepared.info.subject}, ${prepared.info.keyType}, expires ${prepared.info.expiration}`,
    request: { service: 'iam', operation: 'UploadServerCertificate', input: iam.uploadServerCertificateRequest(input) },
    run: async () => {
      try {
        const s = await iam.uploadServerCertificate(await ctx.aws.iam(), input);
        uploaded = { ...certificate, ...(s.arn ? { arn: s.arn } : {}), ...(s.id ? { id: s.id } : {}), path: s.path ?? opts.path };
      } catch (err) {
        // Already there: when its body is this certificate, it is our own upload (an attempt whose
        // answer was lost, then the retry), not a name clash.
        const mine = errorName(err) === 'EntityAlreadyExists' ? await iam.getServerCertificate(await ctx.aws.iam(), opts.name) : undefined;
        if (mine?.body && sameCertificate(mine.body, prepared)) {
          uploaded = { ...certificate, ...(mine.arn ? { arn: mine.arn } : {}), ...(mine.id ? { id: mine.id } : {}), path: mine.path ?? opts.path };
          return;
        }
        throw explainUploadError(err, opts.name, prepared.info.expiration) ?? err;
      }
    },
  };
  if (opts.dryRun) return toPlan([step]);
  await executePlan([step], ctx.log);
  if (!uploaded.arn) ctx.log.warn(`IAM accepted ${opts.name} but did not return its ARN; run "scalectl list-certs" to see it`);
  return { certificate: uploaded, status: 'uploaded', notes: prepared.notes, warnings };
}

async function readInput(path: string, label: '--cert' | '--key' | '--chain'): Promise<InputFile> {
  try {
    return { path, data: readInputFile(path, { label, limit: label === '--chain' ? INPUT_LIMITS.chain : INPUT_LIMITS.pem }) };
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new UsageError(`${path} ${why}`, 'check the file name given to --cert, --key or --chain');
  }
}

async function keyPermissionWarning(path: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const { stat } = await import('node:fs/promises');
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return `${path} is readable by ${mode & 0o007 ? 'others' : 'group'} (mode ${mode.toString(8)}); a private key should be readable by you alone: chmod 600 ${path}`;
}

const uploadCertView: View<UploadCertResult> = {
  table: (r, st) => ({
    head: ['FIELD', 'VALUE'],
    rows: [
      ['status', r.status === 'unchanged' ? r.status : st.green(r.status)],
      ['name', r.certificate.name],
      ['arn', cell(r.certificate.arn)],
      ['id', cell(r.certificate.id)],
      ['path', r.certificate.path],
      ['subject', r.certificate.subject],
      ['sans', cell(r.certificate.sans.join(', '))],
      ['key', r.certificate.keyType],
      ['expires', r.certificate.expiration],
    ],
  }),
  text: (r) => [[r.certificate.arn ?? '']],
  json: (r) => ({ kind: 'server-certificate', name: r.certificate.name, status: r.status === 'uploaded' ? 'created' : r.status === 'tagged' ? 'updated' : 'unchanged', changes: r.status === 'uploaded' ? ['upload server-certificate'] : r.status === 'tagged' ? ['add tags'] : [], arn: r.certificate.arn, certificate: r.certificate, notes: r.notes, warnings: r.warnings }),
};
