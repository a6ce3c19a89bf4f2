import type { OutputFormat } from './output/format.js';
import { resolveFormat } from './output/format.js';
import type { Io } from './output/io.js';
import { plainStyle, wantsColour } from './output/plain.js';
import type { Style } from './output/style.js';
import type { AwsClients, ClientSettings } from './services/clients.js';
import { credentialProcessProvider } from './credential-process.js';
import { checkSettings, noCredentialsError, requireRegion, resolveAwsSettings, type AwsSettings } from './settings.js';

export type Env = Record<string, string | undefined>;

/** Time, injectable so waits and timeouts are tested with a fake clock. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an InterruptedError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What the program gets from the outside world. Only `cli.ts` builds the real one. */
export interface Deps {
  io: Io;
  env: Env;
  clock: Clock;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  /** Asks a yes/no question on the terminal; false unless the answer is y or yes. `choices` replaces the `[y/N]` shown (the legacy tools showed `[Ny]`). */
  confirm(question: string, choices?: string): Promise<boolean>;
  /** Builds the AWS clients once settings are known. */
  makeClients(settings: ClientSettings): AwsClients;
}

/** The global flags every command accepts (CLI.md). */
export interface GlobalOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  output?: string;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
  /** `--query`: JMESPath applied to the JSON result (checked before the command runs). */
  query?: string;
  /** The command plans (`--dry-run`): a read that cannot reach AWS is not worth many retries. */
  dryRun?: boolean;
}

/** Progress, warnings and debug lines: all on stderr, never mixed with results. */
export interface Log {
  /** A progress line; silent with --quiet. */
  progress(message: string): void;
  /** A line that replaces itself on a terminal (waits); plain lines otherwise; silent with --quiet. */
  status(message: string): void;
  /** Ends a run of status lines so the next output starts on a fresh line. */
  endStatus(): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** Everything a command's run function needs, bound to this run's global flags. */
export interface Ctx extends Deps {
  globals: GlobalOptions;
  format: OutputFormat;
  /** `--query`, for the output layer. */
  query?: string;
  /** `--quiet`, for the output layer. */
  quiet?: boolean;
  /** Styles for stdout (table output). */
  style: Style;
  /** Styles for stderr (progress, warnings). */
  errStyle: Style;
  log: Log;
  /** Lazily resolved region, profile, endpoint and credential source. */
  settings(): Promise<AwsSettings>;
  /** Lazily built clients; the first use resolves settings and may throw a ConfigError (exit 3). */
  aws: AwsClients;
}

/** The SDK's per-service endpoint variable of each client: AWS_ENDPOINT_URL_<this>. */
export const SERVICE_ENV: Record<keyof AwsClients, string> = {
  elb: 'ELASTIC_LOAD_BALANCING', iam: 'IAM', autoscaling: 'AUTO_SCALING', cloudwatch: 'CLOUDWATCH', ec2: 'EC2',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2', route53: 'ROUTE_53', tagging: 'RESOURCE_GROUPS_TAGGING_API', sns: 'SNS',
};

/** Default attempts per request; throttling in bulk work is routine, so more than the SDK's 3. */
const DEFAULT_MAX_ATTEMPTS = 8;

/** Binds the deps to this run's global flags. Async so chalk loads only once a command runs. */
export async function createCtx(deps: Deps, globals: GlobalOptions): Promise<Ctx> {
  const { io, env } = deps;
  for (const key of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECRET_KEY']) io.addSecret(env[key] ?? '');
  const out = { isTTY: io.stdoutIsTTY, color: globals.color, env };
  const err = { isTTY: io.stderrIsTTY, color: globals.color, env };
  // chalk is loaded only when some stream gets colour: scripted runs never pay for it.
  const { createStyle } = wantsColour(out) || wantsColour(err) ? await import('./output/style.js') : { createStyle: () => plainStyle };
  const style = createStyle(out);
  const errStyle = createStyle(err);
  const log = createLog(io, errStyle, globals);

  let settings: Promise<AwsSettings> | undefined;
  const getSettings = () =>
    (settings ??= resolveAwsSettings(globals, env).then((s) => {
      if (s.staticKeys) {
        io.addSecret(s.staticKeys.secretAccessKey);
        io.addSecret(s.staticKeys.sessionToken ?? '');
      }
      return s;
    }));

  let clients: Promise<AwsClients> | undefined;
  const getClients = () =>
    (clients ??= getSettings().then((s) => {
      checkSettings(s);
      const region = requireRegion(s);
      // Known up front: fail with exit 3 before building a client rather than at the first request.
      if (s.credentials.kind === 'none') throw noCredentialsError();
      const attempts = Number(env.AWS_MAX_ATTEMPTS);
      const base = {
        region,
        ...(s.profile ? { profile: s.profile } : {}),
        ...(s.endpoint ? { lookAlike: true } : {}),
        ...(s.staticKeys ? { staticKeys: s.staticKeys } : {}),
        ...(s.credentialProcess ? { credentialProvider: credentialProcessProvider(s.credentialProcess.profile, s.credentialProcess.command, (secret) => io.addSecret(secret)) } : {}),
        maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : DEFAULT_MAX_ATTEMPTS,
        ...(globals.dryRun ? { failFastUnconnected: true } : {}),
        ...(globals.debug ? { debug: (line: string) => log.debug(line) } : {}),
        warn: (line: string) => log.warn(line),
        notice: (line: string) => log.progress(line),
        signal: deps.signal,
      };
      // The SDK applies AWS_ENDPOINT_URL* itself (per service first), but a profile's endpoint_url
      // only for the profile in AWS_PROFILE, not for the one given to the client: pass it, so
      // --profile P and AWS_PROFILE=P send requests to the same place.
      if (!s.endpoint || s.endpointSource === 'AWS_ENDPOINT_URL') return deps.makeClients(base);
      const pinned = deps.makeClients({ ...base, endpoint: s.endpoint });
      if (s.endpointSource === '--endpoint-url') return pinned;
      const plain = deps.makeClients(base);
      const pick = (service: keyof AwsClients) => (env[`AWS_ENDPOINT_URL_${SERVICE_ENV[service]}`]?.trim() ? plain : pinned);
      return Object.fromEntries(Object.keys(SERVICE_ENV).map((k) => [k, () => pick(k as keyof AwsClients)[k as keyof AwsClients]()])) as unknown as AwsClients;
    }));

  const aws: AwsClients = {
    elb: async () => (await getClients()).elb(),
    iam: async () => (await getClients()).iam(),
    autoscaling: async () => (await getClients()).autoscaling(),
    cloudwatch: async () => (await getClients()).cloudwatch(),
    ec2: async () => (await getClients()).ec2(),
    elbv2: async () => (await getClients()).elbv2(),
    route53: async () => (await getClients()).route53(),
    tagging: async () => (await getClients()).tagging(),
    sns: async () => (await getClients()).sns(),
  };
  return { ...deps, globals, format: resolveFormat(globals.output, io.stdoutIsTTY), ...(globals.query !== undefined ? { query: globals.query } : {}), ...(globals.quiet ? { quiet: true } : {}), style, errStyle, log, settings: getSettings, aws };
}

function createLog(io: Io, s: Style, g: GlobalOptions): Log {
  let statusOpen = false;
  const endStatus = () => {
    if (statusOpen) io.err('\n');
    statusOpen = false;
  };
  return {
    progress: (m) => {
      if (g.quiet) return;
      endStatus();
      io.err(`${m}\n`);
    },
    status: (m) => {
      if (g.quiet) return;
      if (io.stderrIsTTY) {
        io.err(`\r\x1b[2K${m}`);
        statusOpen = true;
      } else io.err(`${m}\n`);
    },
    endStatus,
    warn: (m) => {
      endStatus();
      io.err(`${s.yellow('warning:')} ${m}\n`);
    },
    debug: (m) => {
      if (!g.debug) return;
      endStatus();
      io.err(`${s.dim(`debug: ${m}`)}\n`);
    },
  };
}
