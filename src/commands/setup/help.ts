import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { closestNames } from '../../domain/suggest.js';
import { UsageError } from '../../errors.js';
import { addDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** `help` and `version` send nothing to AWS. */
export const permissions = declarePermissions('help', { actions: [] });
export const versionPermissions = declarePermissions('version', { actions: [] });

/** `scalectl help [COMMAND]`: the very page `scalectl COMMAND --help` shows (gh and git do the same). */
export function registerHelp(program: Command): void {
  addDocs(program.command('help'), { examples: ['scalectl help', 'scalectl help create-lb', 'scalectl help teardown | less'], text: ['the help page'], exitCodes: [] })
    .description('show help for a command: scalectl help create-lb (the same page as create-lb --help)')
    .argument('[command...]', 'the command (and subcommand) to show help for')
    .action((words: string[]) => {
      let target: Command = program;
      for (const word of words) {
        const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) {
          const near = closestNames(word, target.commands.map((c) => c.name()));
          throw new UsageError(`unknown command '${word}'`, near.length ? `did you mean ${near.join(' or ')}?` : "run 'scalectl help' for the list of commands");
        }
        target = next;
      }
      target.outputHelp();
    });
}

/** `scalectl version`: as `--version`, the version on stdout. */
export function registerVersion(program: Command, deps: Deps): void {
  addDocs(program.command('version'), { examples: ['scalectl version', 'scalectl --version'], text: ['the version, e.g. 0.1.0'], exitCodes: [] })
    .description('print the version (same as --version)')
    .action(() => deps.io.out(`${program.version() ?? ''}\n`));
}
