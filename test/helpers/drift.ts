// The drift check: every AWS action a command sends in any test must be in that command's
// declaration (`export const permissions = declarePermissions(...)` in its file), so `scalectl
// policy` cannot fall behind the code. runCli records each request a command sends through the
// (mocked) SDK clients; after every test, setup.ts checks the record against the declarations.
import { actionsOf } from '../../src/commands/permissions.js';
import { iamAction, operationOf } from '../../src/domain/iam-actions.js';
import { COMMAND_SUMMARIES } from '../../src/program.js';
import type { AwsClients } from '../../src/services/clients.js';

/** One request a command sent: the command as typed (`create-lb`, `dns register`) and the IAM action. */
export interface SentAction {
  command: string;
  action: string;
}

let sent: SentAction[] = [];

/** The command a command line runs: the first word naming a program entry, with its subcommand when one follows. */
export function commandOf(argv: readonly string[]): string | undefined {
  const names = new Set(COMMAND_SUMMARIES.map((e) => e.name));
  const i = argv.findIndex((a) => names.has(a));
  if (i < 0) return undefined;
  const next = argv[i + 1];
  return next && SUBCOMMAND_PARENTS.has(argv[i]!) && /^[a-z][a-z-]*$/.test(next) ? `${argv[i]} ${next}` : argv[i];
}

/** Program entries whose word is followed by a subcommand (each declared as `parent sub`). */
const SUBCOMMAND_PARENTS = new Set(['dns']);

/** The clients with every `send` recorded as `command` sending that operation's IAM action. */
export function recordSends(clients: AwsClients, command: string | undefined): AwsClients {
  if (!command) return clients;
  const wrapped = new WeakSet<object>();
  const out = {} as Record<string, () => Promise<unknown>>;
  for (const key of Object.keys(clients) as Array<keyof AwsClients>) {
    out[key] = async () => {
      const client = (await clients[key]()) as unknown as { send: (c: unknown, o?: unknown) => Promise<unknown> };
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const send = client.send.bind(client);
        client.send = (c, o) => {
          const op = operationOf(c) ?? 'Unknown';
          sent.push({ command, action: iamAction(key, op) ?? `${key}?:${op}` });
          return send(c, o);
        };
      }
      return client;
    };
  }
  return out as unknown as AwsClients;
}

/** What this test's runs sent so far, and a fresh record for the next test. */
export function takeSent(): SentAction[] {
  const s = sent;
  sent = [];
  return s;
}

/** Problems with these sends: undeclared commands and actions, one clear line each. */
export async function driftProblems(record: readonly SentAction[], declared: (command: string) => Promise<readonly string[] | undefined> = actionsOf): Promise<string[]> {
  const problems: string[] = [];
  const byCommand = new Map<string, Set<string>>();
  for (const s of record) byCommand.set(s.command, (byCommand.get(s.command) ?? new Set()).add(s.action));
  for (const [command, actions] of byCommand) {
    const list = await declared(command);
    if (!list) {
      problems.push(`command "${command}" has no permissions declaration: add \`export const permissions = declarePermissions('${command}', { actions: [...] })\` to its file (it sent ${[...actions].sort().join(', ')})`);
      continue;
    }
    for (const a of [...actions].sort()) {
      if (!list.includes(a)) problems.push(`command "${command}" sent ${a}, which its permissions declaration does not list: add '${a}' to its actions`);
    }
  }
  return problems;
}
