// Value parsers for metric flags shared by put-alarm, list-metrics and get-stats (commander is
// already loaded at start-up, so importing its error type here costs nothing).
import { InvalidArgumentError } from 'commander';
import { parseUnit, UNITS, type Unit } from './alarm.js';

/** A metric dimension in our own shape. */
export interface Dimension {
  name: string;
  value: string;
}

function pair(label: string, raw: string, allowNameOnly: boolean): Dimension {
  const eq = raw.indexOf('=');
  const name = (eq >= 0 ? raw.slice(0, eq) : raw).trim();
  if (!name || (eq < 0 && !allowNameOnly)) throw new InvalidArgumentError(`${label} must be NAME=VALUE (e.g. AutoScalingGroupName=web-asg), got "${raw}".`);
  return { name, value: eq >= 0 ? raw.slice(eq + 1).trim() : '' };
}

/** Repeatable `--dimension K=V` (one pair each; the value may hold commas). */
export function dimensionArg(label = '--dimension', allowNameOnly = false) {
  return (raw: string, previous: Dimension[] = []): Dimension[] => [...previous, pair(label, raw, allowNameOnly)];
}

/** The legacy `--dimensions "k1=v1,k2=v2"` (also repeatable). */
export function dimensionsListArg(label = '--dimensions', allowNameOnly = false) {
  return (raw: string, previous: Dimension[] = []): Dimension[] => [
    ...previous,
    ...raw.split(',').filter((s) => s.trim() !== '').map((s) => pair(label, s, allowNameOnly)),
  ];
}

/** `--unit`: a CloudWatch StandardUnit in any case, given back in its canonical spelling. */
export function unitArg(value: string): Unit {
  const u = parseUnit(value);
  if (!u) throw new InvalidArgumentError(`--unit "${value}" is not a CloudWatch unit; use one of ${UNITS.join(', ')}.`);
  return u;
}
