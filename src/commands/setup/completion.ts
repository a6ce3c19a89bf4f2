import type { Command, Option } from 'commander';
import type { Deps } from '../../deps.js';
import { resourceWanted, type ResourceKind } from '../../domain/completion.js';
import { addDocs } from '../docs.js';
import { contextOf } from '../options.js';
import { cachedNames } from './completion-cache.js';
import { declarePermissions } from '../permissions.js';

/** The reads behind resource-name completion (each skipped silently when refused). */
export const permissions = declarePermissions('completion', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribePolicies', 'cloudwatch:DescribeAlarms',
    'elasticloadbalancing:DescribeLoadBalancers', 'iam:ListServerCertificates', 'tag:GetTagValues',
  ],
});

// Shell completion through @bomb.sh/tab (the library wrangler and vitest use): it writes the
// bash, zsh, fish and PowerShell scripts, and at each TAB the script runs `scalectl complete --
// WORDS…`, which answers from the same commander definitions that --help shows.

type Tab = typeof import('@bomb.sh/tab');
type TabCommand = InstanceType<Tab['Command']>;
const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;

/**
 * tab's bash script reads the words with bash-completion's _get_comp_words_by_ref; without that
 * package (minimal images, macOS's bash) a small stand-in keeps completion working.
 */
const BASH_PRELUDE = `# scalectl: a stand-in for bash-completion's _get_comp_words_by_ref when that package is absent
if ! type _get_comp_words_by_ref >/dev/null 2>&1; then
  _get_comp_words_by_ref() {
    cur="\${COMP_WORDS[COMP_CWORD]}"; prev="\${COMP_WORDS[COMP_CWORD-1]}"
    words=("\${COMP_WORDS[@]}"); cword=$COMP_CWORD
  }
fi
`;

/** How long a completion may wait for AWS before it gives up silently. */
const AWS_TIMEOUT_MS = 2000;

export function registerCompletion(program: Command, deps: Deps): void {
  addDocs(program.command('completion'), {
    examples: ['scalectl completion bash', 'source <(scalectl completion bash)', 'scalectl completion zsh > "${fpath[1]}/_scalectl"', 'scalectl completion fish > ~/.config/fish/completions/scalectl.fish'],
    text: ['the completion script for the shell'],
    exitCodes: [],
  })
    .description('print the shell completion script: bash, zsh, fish or powershell')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .action(async (shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) {
        const { UsageError } = await import('../../errors.js');
        throw new UsageError(`unknown shell "${shell}"`, `use one of ${SHELLS.join(', ')}`);
      }
      const tab = await import('@bomb.sh/tab');
      deps.io.out((shell === 'bash' ? BASH_PRELUDE : '') + captureConsole(() => tab.script(shell as (typeof SHELLS)[number], 'scalectl', 'scalectl')));
    });

  program
    .command('complete', { hidden: true })
    .description('answer one completion request from a shell script (called as: scalectl complete -- WORDS…)')
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[], _flags: unknown, cmd: Command) => {
      const tab = await import('@bomb.sh/tab');
      const root = new tab.RootCommand();
      const commands = treeOf(program);
      const kind = resourceWanted(words, new Set(commands.keys()));
      const names = kind ? await namesOf(kind, cmd) : [];
      const globals = program.options;
      addOptions(root, globals, kind, names);
      for (const [name, c] of commands) {
        const tc = root.command(name, c.description());
        addOptions(tc, [...c.options, ...globals], kind, names);
        c.registeredArguments.forEach((a, i) => {
          const choices = a.argChoices ?? (i === 0 && kind && !words.slice(0, -1).some((w) => w.startsWith('--') && !w.includes('=')) ? names : undefined);
          tc.argument(a.name(), choices ? (complete) => choices.forEach((v) => complete(v, '')) : undefined, a.variadic);
        });
      }
      deps.io.out(captureConsole(() => root.parse([...words])));
    });

  /** Names of one kind, from a short-lived cache or AWS; nothing at all on any failure. */
  async function namesOf(kind: ResourceKind, cmd: Command): Promise<string[]> {
    try {
      const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(AWS_TIMEOUT_MS)]);
      const ctx = await contextOf(cmd, { ...deps, signal, env: { ...deps.env, AWS_MAX_ATTEMPTS: '1' } });
      const s = await ctx.settings();
      return await cachedNames({ env: deps.env, now: deps.clock.now(), key: { profile: s.profile ?? 'default', region: s.region ?? '', kind } }, () => fetchNames(kind, ctx.aws));
    } catch {
      return [];
    }
  }
}

async function fetchNames(kind: ResourceKind, aws: import('../../services/clients.js').AwsClients): Promise<string[]> {
  switch (kind) {
    case 'lb': return (await (await import('../../services/elb.js')).listLoadBalancers(await aws.elb())).map((l) => l.name);
    case 'group': return (await (await import('../../services/autoscaling.js')).describeGroups(await aws.autoscaling(), { names: [] })).map((g) => g.name);
    case 'policy': return [...new Set((await (await import('../../services/autoscaling-policies.js')).describePolicies(await aws.autoscaling(), {})).map((p) => p.name))];
    case 'alarm': return (await (await import('../../services/cloudwatch.js')).describeAlarms(await aws.cloudwatch(), {})).map((a) => a.name);
    case 'cert': return (await (await import('../../services/iam.js')).listServerCertificates(await aws.iam())).map((c) => c.name);
    case 'stack': return (await import('../../services/tagging.js')).listTagValues(await aws.tagging(), (await import('../../domain/stack.js')).STACK_TAG);
  }
}

/** Every visible command by its full name (`dns alias` for a subcommand). */
function treeOf(program: Command): Map<string, Command> {
  const out = new Map<string, Command>();
  const walk = (c: Command, prefix: string) => {
    for (const sub of c.commands) {
      if ((sub as unknown as { _hidden?: boolean })._hidden) continue;
      const name = prefix ? `${prefix} ${sub.name()}` : sub.name();
      out.set(name, sub);
      walk(sub, name);
    }
  };
  walk(program, '');
  return out;
}

/** Commander options as tab options: fixed choices complete, resource options complete names. */
function addOptions(tc: TabCommand, options: readonly Option[], kind: ResourceKind | undefined, names: string[]): void {
  for (const o of options) {
    const long = o.long?.slice(2);
    if (!long || o.hidden) continue;
    const short = o.short?.slice(1);
    const takesValue = o.required || o.optional;
    if (!takesValue) {
      tc.option(long, o.description, short);
      continue;
    }
    const values = o.argChoices ?? (kind && resourceOption(long) === kind ? names : []);
    tc.option(long, o.description, (complete) => values.forEach((v) => complete(v, '')), short);
  }
}

const resourceOption = (long: string) => ({ stack: 'stack', lb: 'lb', asg: 'group', alarm: 'alarm', cert: 'cert', 'scale-policy': 'policy' } as Record<string, ResourceKind>)[long];

/** tab prints with console.log; the answer belongs on our stdout, through our io. */
function captureConsole(fn: () => void): string {
  const original = console.log;
  let out = '';
  console.log = (...args: unknown[]) => void (out += `${args.map(String).join(' ')}\n`);
  try {
    fn();
  } finally {
    console.log = original;
  }
  return out;
}
