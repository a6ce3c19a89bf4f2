// The one way a file named by the user (or by their environment) is read: --cert, --key, --chain,
// --user-data, the AWS config and credentials files, AWS_CREDENTIAL_FILE. A FIFO, /dev/zero or a
// huge file would otherwise hang the run or eat memory with Ctrl-C ignored (a blocked read).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from './errors.js';

/** A file that is not a regular file, or is larger than its limit: exit 2 with one line. */
export class InputFileError extends UsageError {}

const KIB = 1024;
/** Limits per kind of file, in bytes: generous, but far below anything that hurts. */
export const INPUT_LIMITS = {
  /** A certificate or key file (IAM takes 16 KB; other text around the PEM blocks is allowed). */
  pem: 1024 * KIB,
  /** A chain file (IAM takes up to 2 MB). */
  chain: 4 * 1024 * KIB,
  /** The AWS config or credentials file (many SSO profiles still fit). */
  awsConfig: 10 * 1024 * KIB,
  /** The legacy two-line credential file. */
  legacyCredentials: 64 * KIB,
} as const;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `path` if it is a regular file of at most `limit` bytes. It is opened non-blocking (so a
 * FIFO without a writer does not hang the open) and checked with fstat before any read; at most
 * limit + 1 bytes are ever read, in case the file grows meanwhile. `label` names it in errors
 * (`--cert`, `AWS_CONFIG_FILE`). Errors of the file system itself (ENOENT, EACCES) are thrown as
 * they are, for the caller to word; a non-regular or oversized file is an InputFileError.
 */
export interface InputFileSpec {
  /** Names the file in errors: `--cert`, `--user-data file`, `AWS_CONFIG_FILE`. */
  label: string;
  /** Most bytes accepted. */
  limit: number;
  /** Replaces `at most N are accepted` in the too-big error. */
  limitText?: string;
  /** What to do, for both errors. */
  hint?: string;
}

export function readInputFile(path: string, { label, limit, limitText, hint }: InputFileSpec): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new InputFileError(`${label} ${path} is ${kindOf(st)}, not a regular file`, hint ?? 'give the path of a regular file (save piped input to a file first)');
    }
    const tooBig = (size: string) => new InputFileError(`${label} ${path} is ${size} bytes; ${limitText ?? `at most ${limit} are accepted`}`, hint ?? 'check that this is the right file');
    if (st.size > limit) throw tooBig(String(st.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * KIB, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw tooBig(`more than ${limit}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
