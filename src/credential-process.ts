// A profile's `credential_process`, run the way the SDK runs it (through the shell), but with its
// failure reported: the SDK's default chain turns a failed process into "Could not load
// credentials from any providers", which sends the user looking in the wrong place.
import { ConfigError } from './errors.js';

/** What the clients accept as credentials: the SDK calls it again when the expiration nears. */
export type CredentialProvider = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

/** The process's one-line failure: its exit code and the first line it wrote on stderr. */
function failure(profile: string, err: { message: string; code?: number | string | null; signal?: string | null; stderr?: string }): ConfigError {
  const first = (err.stderr ?? '').split('\n').map((l) => l.trim()).find(Boolean);
  const how = typeof err.code === 'number' ? `exited with code ${err.code}` : err.signal ? `was killed by ${err.signal}` : `could not be run (${err.code ?? err.message})`;
  return new ConfigError(`the credential_process of profile ${profile} ${how}${first ? `: ${first.slice(0, 200)}` : ''}`, 'run that command yourself to see why, or fix credential_process in the AWS config file');
}

/** Runs `command` for `profile` and reads its JSON (Version 1). `onSecret` learns the secrets so output can be scrubbed. */
export function credentialProcessProvider(profile: string, command: string, onSecret: (s: string) => void): CredentialProvider {
  return async () => {
    const { exec } = await import('node:child_process');
    const stdout = await new Promise<string>((resolve, reject) => {
      exec(command, { timeout: 60_000, maxBuffer: 1024 * 1024 }, (err, out, stderr) => (err ? reject(failure(profile, Object.assign(err, { stderr }))) : resolve(out)));
    });
    let data: { Version?: number; AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: string };
    try {
      data = JSON.parse(stdout.trim()) as typeof data;
    } catch {
      throw new ConfigError(`the credential_process of profile ${profile} did not print JSON`, 'it must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}');
    }
    if (data.Version !== 1 || !data.AccessKeyId || !data.SecretAccessKey) {
      throw new ConfigError(`the credential_process of profile ${profile} printed JSON without Version 1, AccessKeyId and SecretAccessKey`, 'fix the command so it prints the AWS CLI credential_process format');
    }
    onSecret(data.SecretAccessKey);
    if (data.SessionToken) onSecret(data.SessionToken);
    const expiration = data.Expiration ? new Date(data.Expiration) : undefined;
    if (expiration && expiration.getTime() < Date.now()) throw new ConfigError(`the credential_process of profile ${profile} returned credentials that expired at ${data.Expiration}`, 'fix the command so it returns fresh credentials');
    return { accessKeyId: data.AccessKeyId, secretAccessKey: data.SecretAccessKey, ...(data.SessionToken ? { sessionToken: data.SessionToken } : {}), ...(expiration ? { expiration } : {}) };
  };
}
