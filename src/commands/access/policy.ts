import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { buildPolicy, type CommandActions, type ExplainRow, type PolicyDocument } from '../../domain/iam-policy.js';
import { closestNames } from '../../domain/suggest.js';
import { UsageError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { COMMAND_SUMMARIES } from '../../program.js';
import { contextOf } from '../options.js';
import { declarePermissions, declaredPermissions, permissionsOf, type CommandPermissions } from '../permissions.js';
import { addDocs } from '../docs.js';

/** The AWS actions `policy` can send: none, it only reads the declarations. */
export const permissions = declarePermissions('policy', { actions: [] });

/** Parsed arguments of `policy`. */
export interface PolicyOptions {
  commands: string[];
  all: boolean;
  recipe?: string;
  name?: string;
  stack?: string;
  region?: string;
  account?: string;
  explain: boolean;
}

/** The JSON contract: the IAM policy document, and with --explain why each action has its resource. */
export interface PolicyResult {
  commands: string[];
  document: PolicyDocument;
  explain?: ExplainRow[];
}

export function registerPolicy(program: Command, deps: Deps, run = policy): void {
  addDocs(program.command('policy'), {
    examples: ['scalectl policy create-lb create-asg', 'scalectl policy --recipe examples/web-tier > policy.json', 'scalectl policy create-asg --name web-asg --stack web --region us-east-1 --account 123456789012 --explain', 'scalectl policy boot'],
    text: ['the actions, one a line (json, the default here: the policy document; table: service, action, resource)'],
    exitCodes: [],
  })
    .description('print the least-privilege IAM policy for commands, a recipe, or the boot hook')
    .argument('[commands...]', 'scalectl commands (e.g. create-lb create-asg, boot, dns register)')
    .option('--all', 'every scalectl command')
    .option('--recipe <dir>', "every scalectl command a recipe's Makefile runs (make -n up down)")
    .option('--name <name>', 'narrow resource ARNs to the resource the command names (wildcards allowed)')
    .option('--stack <name>', 'add the scalectl:stack tag condition where the action supports it')
    .option('--account <id>', 'the AWS account id in resource ARNs (default *)')
    .option('--explain', 'a table of action, resource and why instead of the document')
    .addHelpText('after', '\nOutput: the policy document as JSON unless --output is given; text prints the actions one a line; table shows service, action, resource. --region narrows ARNs to that region.')
    .action(async (commands: string[], f: { all?: boolean; recipe?: string; name?: string; stack?: string; account?: string; explain?: boolean }, cmd: Command) => {
      if (f.account !== undefined && !/^\d{12}$/.test(f.account)) throw new UsageError(`--account must be a 12-digit AWS account id, not "${f.account}"`);
      if (!commands.length && !f.all && !f.recipe) throw new UsageError('policy needs commands, --recipe DIR or --all', 'e.g. scalectl policy create-lb create-asg');
      const ctx = await contextOf(cmd, deps);
      const region = ctx.globals.region;
      const opts: PolicyOptions = { commands, all: f.all === true, explain: f.explain === true, ...(f.recipe ? { recipe: f.recipe } : {}), ...(f.name ? { name: f.name } : {}), ...(f.stack ? { stack: f.stack } : {}), ...(region ? { region } : {}), ...(f.account ? { account: f.account } : {}) };
      const result = await run(opts, ctx);
      // The document is the product: JSON unless the user asked for another format.
      const format = ctx.globals.output ? ctx.format : 'json';
      await render(result, opts.explain ? explainView : policyView, { ...ctx, format }, ctx.io);
    });
}

/** Every command name `policy` knows: the program's and their declared subcommands (`dns register`). */
async function knownNames(): Promise<string[]> {
  // Loading a command's module registers its declaration; subcommands are known only that way.
  await Promise.all(COMMAND_SUMMARIES.map((e) => e.load()));
  return [...new Set([...COMMAND_SUMMARIES.map((e) => e.name), ...declaredPermissions().keys()])];
}

/** Joins `dns register` style two-word names; checks every name before anything is loaded. */
function resolveNames(words: string[], known: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`;
    if (words[i + 1] && known.includes(two)) {
      out.push(two);
      i++;
    } else if (known.includes(words[i]!)) out.push(words[i]!);
    else {
      const near = closestNames(words[i]!, known.filter((k) => !k.includes(' ')));
      throw new UsageError(`unknown command '${words[i]}'`, near.length ? `did you mean ${near.join(', ')}?` : "run 'scalectl policy --all' for every command");
    }
  }
  return out;
}

/** A command's declaration, or its subcommands' when it only groups them (`dns` = every `dns …`). */
async function declarationsOf(name: string): Promise<Array<[string, CommandPermissions]>> {
  const own = await permissionsOf(name);
  const subs = [...declaredPermissions()].filter(([k]) => k.startsWith(`${name} `));
  if (own && (own.actions.length || !subs.length)) return [[name, own]];
  if (subs.length) return subs;
  throw new UsageError(`command '${name}' declares no AWS actions`, 'its file needs `export const permissions = declarePermissions(...)`');
}

/** The policy for the commands named, a recipe's, or all of them. */
export async function policy(opts: PolicyOptions, _ctx: Ctx): Promise<PolicyResult> {
  const known = await knownNames();
  let names = resolveNames(opts.commands, known);
  if (opts.recipe) names.push(...resolveNames((await import('./policy-recipe.js')).recipeCommands(opts.recipe), known));
  if (opts.all) names.push(...known.filter((k) => k !== 'policy'));
  names = [...new Set(names)];
  const parts: CommandActions[] = [];
  const seen = new Set<string>();
  const add = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const [command, p] of await declarationsOf(name)) {
      parts.push({ command, actions: [...p.actions, ...Object.keys(p.implied ?? {})], ...(p.subject ? { subject: p.subject } : {}), ...(p.implied ? { implied: p.implied } : {}) });
      for (const u of p.uses ?? []) await add(u);
    }
  };
  for (const n of names) await add(n);
  const { document, explain } = buildPolicy(parts, opts);
  return { commands: names, document, ...(opts.explain ? { explain } : {}) };
}

const serviceOf = (action: string) => action.split(':')[0]!;
const rows = (r: PolicyResult) => r.document.Statement.flatMap((s) => s.Action.map((a) => ({ action: a, resource: ([] as string[]).concat(s.Resource).join(' '), condition: s.Condition }))).sort((x, y) => x.action.localeCompare(y.action));

/** json: the policy document itself (ready for `aws iam put-user-policy`); text: one action a line. */
const policyView: View<PolicyResult> = {
  table: (r) => ({ head: ['SERVICE', 'ACTION', 'RESOURCE'], rows: rows(r).map((x) => [serviceOf(x.action), x.action.split(':')[1]!, x.resource + (x.condition ? ` (${Object.entries(Object.values(x.condition)[0] ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')})` : '')]) }),
  text: (r) => [...new Set(rows(r).map((x) => x.action))].map((a) => [a]),
  json: (r) => r.document,
};

/** text columns: action, resource, why. */
const explainView: View<PolicyResult> = {
  table: (r) => ({ head: ['ACTION', 'RESOURCE', 'WHY'], rows: (r.explain ?? []).map((e) => [e.action, e.resource, e.why]) }),
  text: (r) => (r.explain ?? []).map((e) => [e.action, e.resource, e.why]),
  json: (r) => ({ document: r.document, explain: r.explain ?? [] }),
};
