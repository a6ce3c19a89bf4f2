// Writes dist/man/scalectl.1 from the built program's own help pages, so the man page can never
// disagree with `--help`: the root page, then every command's page, each as `scalectl help NAME`
// prints it at 80 columns without colour.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = resolve(root, 'bin/scalectl.js');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const run = promisify(execFile);
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '80', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const help = async (...args) => (await run(process.execPath, [bin, 'help', ...args], { env })).stdout;

/** The root page's command groups: `Group:` headers, then `  name  summary` lines. */
function commandGroups(text) {
  const groups = [];
  for (const line of text.split('\n')) {
    if (/^[A-Z][A-Za-z ]+:$/.test(line) && !['Options:', 'Exit status:'].includes(line)) groups.push({ title: line.slice(0, -1), names: [] });
    else if (groups.length && /^  [a-z]/.test(line)) groups.at(-1).names.push(line.trim().split(/\s+/)[0]);
    else if (line === 'Exit status:') break;
  }
  return groups;
}

/** roff for literal text: backslashes doubled, a leading dot or quote kept from being a request. */
const lit = (text) => text.split('\n').map((l) => l.replace(/\\/g, '\\e').replace(/^([.'])/, '\\&$1')).join('\n');
const section = (name, body) => `.SH ${name}\n${body}\n`;
const block = (text) => `.nf\n${lit(text.trimEnd())}\n.fi\n`;

const top = await help();
const groups = commandGroups(top);
// Each page's global options are the GLOBAL OPTIONS section once, not again under every command.
const withoutGlobals = (page) => page.replace(/\nGlobal Options:\n[\s\S]*?\n\n/, '\n');
const pages = await Promise.all(groups.flatMap((g) => g.names).map(async (n) => [n, withoutGlobals(await help(n))]));
const [intro, rest] = [top.slice(0, top.indexOf('\nOptions:')), top.slice(top.indexOf('\nOptions:') + 1)];
const exitStatus = rest.slice(rest.indexOf('Exit status:') + 'Exit status:\n'.length);
const date = new Date(Number(process.env.SOURCE_DATE_EPOCH ?? Date.now() / 1000) * 1000).toISOString().slice(0, 10);

const man = [
  `.TH SCALECTL 1 "${date}" "scalectl ${pkg.version}" "User Commands"\n`,
  section('NAME', 'scalectl \\- build and tear down the classic AWS web tier'),
  section('SYNOPSIS', '.B scalectl\n.I command\n[\n.I options\n]'),
  section('DESCRIPTION', block(intro.split('\n').slice(2).join('\n')) + '.PP\nEvery command below is shown as \\fBscalectl help\\fR \\fIcommand\\fR shows it.'),
  section('GLOBAL OPTIONS', block(rest.slice(0, rest.indexOf('\n\n')).split('\n').slice(1).join('\n'))),
  section('COMMANDS', groups.map((g) => `.SS ${g.title}\n` + g.names.map((n) => `.TP\n.B scalectl ${n}\n` + block(pages.find(([x]) => x === n)[1])).join('')).join('')),
  section('EXIT STATUS', block(exitStatus)),
  section('ENVIRONMENT', block(['AWS_REGION, AWS_DEFAULT_REGION, EC2_REGION   the region', 'AWS_PROFILE                                   the shared-config profile', 'AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>  endpoints (LocalStack, moto, a proxy)', 'AWS_CREDENTIAL_FILE                           legacy AWSAccessKeyId=/AWSSecretKey= file', 'NO_COLOR                                      no colour'].join('\n'))),
  section('SEE ALSO', 'aws(1)'),
].join('');
mkdirSync(resolve(root, 'dist/man'), { recursive: true });
writeFileSync(resolve(root, 'dist/man/scalectl.1'), man);
