// Names read from AWS are shown as data, never as terminal input: a control character in an
// alarm or policy name (an escape sequence, a carriage return) is printed escaped, as \x1b or \r.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The string with control characters written as escapes. */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Every string inside a result (plain objects and arrays), escaped; other values as they are. */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return (HAS_CONTROL.test(value) ? escapeControls(value) : value) as T;
  if (Array.isArray(value)) return value.map(escapeDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)])) as T;
  }
  return value;
}
