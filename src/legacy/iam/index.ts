// The iam-servercert* family (single-letter options, as the IAM CLI had them).
import { listCerts } from '../../commands/cert/list-certs.js';
import { uploadCert } from '../../commands/cert/upload-cert.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { need, val, type LegacyCommand } from '../framework.js';

const NAME = { long: 'server-certificate-name', short: 's', kind: 'value' } as const;

export const iamServercertupload: LegacyCommand = {
  name: 'iam-servercertupload',
  usage: 'iam-servercertupload -b CERTFILE -k KEYFILE -s NAME [-c CHAINFILE] [-p PATH] [-v]',
  options: [
    { long: 'certificate-body', short: 'b', kind: 'value' }, { long: 'private-key', short: 'k', kind: 'value' }, { long: 'certificate-chain', short: 'c', kind: 'value' },
    NAME, { long: 'path', short: 'p', kind: 'value' }, { long: 'verbose', short: 'v', kind: 'flag' },
  ],
  translate: (p) => ({
    args: ['upload-cert', certName(p), '--cert', need(p, 'certificate-body'), '--key', need(p, 'private-key'), ...(val(p, 'certificate-chain') ? ['--chain', val(p, 'certificate-chain')!] : []), ...(val(p, 'path') ? ['--path', val(p, 'path')!] : [])],
  }),
  run: async (p, ctx) => {
    const name = certName(p);
    if (!/^[\w+=,.@-]{1,128}$/.test(name)) throw new UsageError(`certificate name "${name}" is not valid`, 'use up to 128 letters, digits and +=,.@_-');
    const path = val(p, 'path') ?? '/';
    if (!/^\/([\x21-\x7e]+\/)?$/.test(path)) throw new UsageError('-p must start and end with / (for example / or /cloudfront/)');
    const chain = val(p, 'certificate-chain');
    const r = await uploadCert({ name, certFile: need(p, 'certificate-body'), keyFile: need(p, 'private-key'), ...(chain ? { chainFile: chain } : {}), path, tags: [], dryRun: false }, ctx);
    if ('dryRun' in r) throw new Error('unexpected plan');
    // The IAM CLI was silent on success; -v printed the ARN and the id.
    return { lines: p.flags.has('verbose') ? [r.certificate.arn ?? '', r.certificate.id ?? ''] : [] };
  },
};

function certName(p: import('../argv.js').Parsed): string {
  const name = val(p, 'server-certificate-name') ?? p.positional[0];
  if (!name) throw new UsageError('-s NAME (the certificate name) is required');
  return name;
}

export const iamServercertlistbypath: LegacyCommand = {
  name: 'iam-servercertlistbypath',
  usage: 'iam-servercertlistbypath [-p PATHPREFIX]',
  options: [{ long: 'path-prefix', short: 'p', kind: 'value' }],
  translate: (p) => ({ args: ['list-certs', ...(val(p, 'path-prefix') ? ['--path-prefix', val(p, 'path-prefix')!] : [])] }),
  run: async (p, ctx) => {
    const prefix = val(p, 'path-prefix') ?? p.positional[0];
    const r = await listCerts(prefix ? { pathPrefix: prefix } : {}, ctx);
    return { lines: r.certificates.map((c) => c.arn ?? '') };
  },
};

export const iamServercertgetattributes: LegacyCommand = {
  name: 'iam-servercertgetattributes',
  usage: 'iam-servercertgetattributes -s NAME',
  options: [NAME],
  translate: (p) => ({ args: ['list-certs'], notes: [`list-certs shows ${certName(p)} with its ARN, path, upload and expiry dates`] }),
  run: async (p, ctx) => {
    const name = certName(p);
    const { getServerCertificate } = await import('../../services/iam.js');
    const c = await getServerCertificate(await ctx.aws.iam(), name);
    if (!c) throw new NotFoundError(`The Server Certificate with name ${name} cannot be found.`);
    // The ARN first: scripts take it with `| head -1`.
    return { lines: [c.arn ?? '', c.id ?? '', c.uploaded ?? '', c.expiration ?? ''].filter((l, i) => i === 0 || l !== '') };
  },
};

export const iamServercertdel: LegacyCommand = {
  name: 'iam-servercertdel',
  usage: 'iam-servercertdel -s NAME',
  options: [NAME],
  translate: (p) => ({ args: ['teardown', '--cert', certName(p), '-y'] }),
  run: async (p, ctx) => {
    const name = certName(p);
    const { deleteServerCertificateWithRetry } = await import('../../services/iam.js');
    const r = await deleteServerCertificateWithRetry(await ctx.aws.iam(), { name, timing: { sleep: (ms, signal) => ctx.clock.sleep(ms, signal), now: () => ctx.clock.now(), signal: ctx.signal, deadline: ctx.clock.now() + 120_000 } });
    if (r === 'already gone') throw new NotFoundError(`The Server Certificate with name ${name} cannot be found.`);
    return { lines: [] };
  },
};

export const commands: LegacyCommand[] = [iamServercertupload, iamServercertlistbypath, iamServercertgetattributes, iamServercertdel];
