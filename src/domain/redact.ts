/** Replacement text for anything secret. */
export const REDACTED = '***redacted***';

/** Field names whose values are secret wherever they appear in a request or a result. */
const SECRET_KEY = /(private.?key|secret|password|session.?token|^token$|credentials?$)/i;
/** User data is no credential, but operators put passwords and tokens in boot scripts all the time. */
const USER_DATA_KEY = /^user.?data$/i;

/** A deep copy of `value` with every secret-named field replaced, for --debug and --dry-run. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? scrubText(value) : value;
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) out[k] = v;
    else if (SECRET_KEY.test(k)) out[k] = REDACTED;
    else if (USER_DATA_KEY.test(k) && typeof v === 'string') out[k] = /^<.*>$/.test(v) ? v : `<user data, ${v.length} characters, ${REDACTED}>`;
    else out[k] = redact(v, seen);
  }
  return out;
}

const PEM_KEY_BLOCK = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(-----END \1-----|$)/g;
// A value starting with … < or * is a placeholder in help text (`AWSSecretKey=…`), not a secret.
// The name may be quoted, as in JSON (`"secretAccessKey":"…"`).
const INLINE_SECRET = /((?:aws_secret_access_key|aws_session_token|AWSSecretKey|secretAccessKey|sessionToken)["']?\s*[=:]\s*["']?)[^\s"',}…<*][^\s"',}]*/gi;

// The same block as it travels in a request body: URL- or form-encoded (%20 or + for spaces).
const SP = '(?:%20|\\+)';
const ENCODED_PEM_KEY_BLOCK = new RegExp(`-----BEGIN(?:${SP}[A-Z0-9]+)*${SP}PRIVATE${SP}KEY-----[\\s\\S]*?(?:-----END(?:${SP}[A-Z0-9]+)*${SP}PRIVATE${SP}KEY-----|$)`, 'g');

/** RFC 3986 encoding as the SDK's query serializer does it (also !'()*). */
const strictEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Every form a secret text (a private key) can take in a request body and so in a server's echo
 * of it: raw, URL-encoded, form-encoded (+ for spaces), JSON-escaped, and each line of it on its
 * own (a base64 line of a PEM key), raw and encoded. Register each with `Io.addSecret`.
 */
export function secretWireForms(text: string): string[] {
  const forms = new Set<string>();
  const add = (t: string) => {
    for (const v of [t, encodeURIComponent(t), strictEncode(t), new URLSearchParams({ x: t }).toString().slice(2), JSON.stringify(t).slice(1, -1)]) if (v.length >= 8) forms.add(v);
  };
  for (const t of new Set([text, text.trim(), text.replace(/\r\n/g, '\n').trim()])) add(t);
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (l.length >= 16 && !/^-----/.test(l)) add(l);
  }
  return [...forms];
}

/** Removes private-key PEM blocks and `secret=value` pairs from free text (error messages, logs). */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first: a whole key goes as one, not as its lines.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= 8) out = out.split(s).join(REDACTED);
  }
  out = out.replace(PEM_KEY_BLOCK, `-----$1 ${REDACTED}-----`).replace(ENCODED_PEM_KEY_BLOCK, `-----BEGIN PRIVATE KEY ${REDACTED}-----`).replace(INLINE_SECRET, `$1${REDACTED}`);
  return out;
}
