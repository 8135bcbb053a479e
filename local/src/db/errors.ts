/**
 * Errors the emulator answers with. `code` is the string the cloud puts in a failed reply;
 * wx-server-sdk maps it through TCB_ERR_CODE to the numeric errCode users see.
 */
export class DbError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** -502005: the collection was never created (the cloud's own wording). */
export function collectionMissing(name: string): DbError {
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  );
}

/** -501007: a malformed request. */
export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', `[InvalidParameter] ${message}`);
}

/** -502001: the database refused the operation (bad operator, type mismatch…). */
export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`);
}

/** -502001 with MongoDB's E11000 text, as the cloud reports a unique-index violation. */
export function duplicateKey(collection: string, index: string, key: string): DbError {
  return requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`);
}

/** The code @cloudbase/database's runTransaction retries on. */
export function transactionConflict(): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem cannot be solved, contact us.',
  );
}

/** -501001: a transaction id that is unknown, finished or expired. */
export function transactionMissing(id: string): DbError {
  return new DbError('DATABASE_TRANSACTION_FAIL', `[ResourceNotFound.TransactionNotExist] transaction not exist: ${id}`);
}

/** -501001: collection already there. */
export function collectionExists(name: string): DbError {
  return new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`);
}
