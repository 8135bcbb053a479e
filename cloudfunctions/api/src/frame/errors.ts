/** Expected failures thrown inside use cases and turned into the reply envelope by the router. */
import { ERROR_MESSAGES, type DomainError, type ErrorCode } from '../../../../miniprogram/core/errors';

/** An expected failure: a code and a Chinese message the caller can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: DomainError['issues'];
  constructor(code: ErrorCode, message?: string, issues?: DomainError['issues']) {
    super(message ?? ERROR_MESSAGES[code]);
    this.code = code;
    this.issues = issues;
  }
}

/** Throws the domain error of a failed Result, or returns its value. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.issues);
}

/** An edit based on an old version is a CONFLICT, whatever else has changed since (checked first). */
export function expectVersion(doc: { version: number }, version: number): void {
  if (doc.version !== version) throw new AppError('CONFLICT');
}
