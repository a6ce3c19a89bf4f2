import { describe, expect, it } from 'vitest';
import { parseLegacyArgv, type OptSpec } from '../../src/legacy/argv.js';
import { formatRecords, type RecordType } from '../../src/legacy/output.js';

const OPTS: OptSpec[] = [
  { long: 'adjustment', short: 'a', kind: 'value' }, { long: 'availability-zones', short: 'z', kind: 'list' }, { long: 'tag', kind: 'repeat' },
  { long: 'force', short: 'f', kind: 'flag' }, { long: 'force-delete', short: 'd', kind: 'flag' },
];
const parse = (...argv: string[]) => parseLegacyArgv('as-x', argv, OPTS);

describe('the legacy option parser', () => {
  it('negative numbers however written: --adjustment=-1, "--adjustment=-1", -a -1, --adjustment -2', () => {
    expect(parse('--adjustment=-1').values.get('adjustment')).toBe('-1');
    expect(parse('-a', '-1').values.get('adjustment')).toBe('-1');
    expect(parse('--adjustment', '-2').values.get('adjustment')).toBe('-2');
    expect(parse('-a=-3').values.get('adjustment')).toBe('-3');
  });

  it('comma lists with spaces after commas, repeated; raw repeatable values; -f and -d are different flags', () => {
    const p = parse('name', '--availability-zones', 'us-east-1a, us-east-1b', '-z', 'us-east-1c', '--tag', 'k=role, v=web, p=true', '--tag', 'k=env,v=x', '-d', '-f');
    expect(p.positional).toEqual(['name']);
    expect(p.lists.get('availability-zones')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(p.lists.get('tag')).toEqual(['k=role, v=web, p=true', 'k=env,v=x']);
    expect([...p.flags].sort()).toEqual(['force', 'force-delete']);
    expect(parse('-f').flags.has('force-delete')).toBe(false);
  });

  it('general options are known to every command; unknown ones and missing values are usage errors', () => {
    const p = parse('--region', 'eu-west-1', '-I', 'AKID', '-S', 's', '--headers', '--show-long', '--delimiter', '|');
    expect([p.values.get('region'), p.values.get('access-key-id'), p.values.get('delimiter')]).toEqual(['eu-west-1', 'AKID', '|']);
    expect(() => parse('--nope')).toThrow('as-x: unknown option --nope');
    expect(() => parse('--adjustment')).toThrow('as-x: option --adjustment needs a value');
    expect(() => parse('--force=yes')).toThrow('option --force takes no value');
    expect(parse('--', '--not-an-option').positional).toEqual(['--not-an-option']);
  });
});

describe('the legacy output module', () => {
  const T: RecordType = { type: 'REC', columns: [{ head: 'NAME' }, { head: 'EMPTY' }, { head: 'VALUE' }, { head: 'EXTRA', long: true }] };
  const recs = [{ of: T, cells: ['a', '', 1, 'x'] }, { of: T, cells: ['longer', undefined, 22, undefined] }];
  it('table: two spaces after the record type, columns aligned, all-empty columns left out, long ones only with --show-long', () => {
    expect(formatRecords(recs, { headers: false, long: false, delimiter: ',', emptyFields: false })).toBe('REC  a       1\nREC  longer  22\n');
    expect(formatRecords(recs, { headers: true, long: false, delimiter: ',', emptyFields: true })).toBe('REC  NAME    EMPTY  VALUE\nREC  a       (nil)  1\nREC  longer  (nil)  22\n');
    expect(formatRecords(recs, { headers: false, long: true, delimiter: ',', emptyFields: false })).toBe('REC,a,,1,x\nREC,longer,,22,\n');
    expect(formatRecords([], { headers: true, long: false, delimiter: ',', emptyFields: false })).toBe('');
  });
});
