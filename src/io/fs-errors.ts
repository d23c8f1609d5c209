import { InputError } from './errors.js';

/** What an operating-system error code means to a user writing or reading a file. */
const MEANING: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a parent of the path is a file, not a folder',
  EEXIST: 'a parent of the path is a file, not a folder',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or folder',
  EINVAL: 'invalid file name',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EBUSY: 'file is busy',
  EXDEV: 'cannot rename across file systems',
};

/**
 * A file system error as one line naming the file the user gave (never a
 * temp file) and what went wrong; other errors pass through unchanged.
 */
export function fsErrorToInput(err: unknown, file: string, action: string): unknown {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !(code in MEANING)) return err;
  return new InputError(`cannot ${action}: ${MEANING[code]} (${code})`, { file });
}
