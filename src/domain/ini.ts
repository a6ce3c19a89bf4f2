/** The sections of an AWS shared config or credentials file, each a map of its settings. */
export type IniSections = Record<string, Record<string, string>>;

/** Section kinds of the config file that carry a prefix: `[profile x]`, `[sso-session x]`, `[services x]`. */
const PREFIXED_TYPES = new Set(['profile', 'sso-session', 'services']);
const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

/**
 * Parses an AWS shared config or credentials file exactly as the SDK's loader does (it is what
 * the clients will read): `#` and `;` comments, `[name]` or `[type name]` sections (kept as
 * `type.name`), `key = value`, and indented settings under an empty key kept as `key.setting`.
 * Sections without settings are absent. A file the SDK would reject gives no sections.
 * Our own copy so that start-up does not load the SDK's config module (and node:crypto with it).
 */
export function parseIni(text: string): IniSections {
  const map: IniSections = {};
  let section: string | undefined;
  let sub: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1);
      if (name === '__proto__' || name === 'profile __proto__') return {};
      const m = PREFIXED.exec(name);
      section = !m ? name : PREFIXED_TYPES.has(m[1]!) ? `${m[1]}.${m[3]}` : undefined;
      sub = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      sub = key;
      continue;
    }
    if (sub && raw.trimStart() === raw) sub = undefined;
    (map[section] ??= {})[sub ? `${sub}.${key}` : key] = value;
  }
  return map;
}

/** The config file's profiles by name (`[default]` and `[profile x]`), plus its other typed sections. */
export function configFileProfiles(sections: IniSections): IniSections {
  const out: IniSections = sections.default ? { default: sections.default } : {};
  for (const [key, value] of Object.entries(sections)) {
    const dot = key.indexOf('.');
    if (dot === -1 || !PREFIXED_TYPES.has(key.slice(0, dot))) continue;
    out[key.slice(0, dot) === 'profile' ? key.slice(dot + 1) : key] = value;
  }
  return out;
}
