/** Reading documents: every document read is parsed with its contract before use. */
import type * as z from 'zod/mini';
import type { Command, Db } from '../frame/db';

/** A query condition: a plain object, or a logic command (`_.or`, `_.and`) built from them. */
export type Where = Record<string, unknown> | ReturnType<Command['or']>;

/** Thrown when a stored document does not match its contract: a bug or corrupt data, never the user's fault. */
export class CorruptDocument extends Error {
  constructor(collection: string, id: unknown, detail: string) {
    super(`corrupt document ${collection}/${String(id)}: ${detail}`);
  }
}

/** Parses one stored document with its schema. */
export function parseDoc<T>(schema: z.ZodMiniType<T>, collection: string, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptDocument(collection, (raw as { _id?: unknown })?._id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** Reads a document by id (one round trip); null when it does not exist. */
export async function getById<T>(db: Db, collection: string, schema: z.ZodMiniType<T>, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data: unknown };
  return res.data ? parseDoc(schema, collection, res.data) : null;
}

/** Reads up to `limit` documents matching `where` (one round trip). */
export async function findMany<T>(
  db: Db,
  collection: string,
  schema: z.ZodMiniType<T>,
  where: Where,
  options: { limit?: number; skip?: number; orderBy?: Array<[string, 'asc' | 'desc']> } = {},
): Promise<T[]> {
  // The SDK types `where` as a plain condition, though it takes logic commands too.
  let query = db.collection(collection).where(where as Record<string, unknown>);
  for (const [field, dir] of options.orderBy ?? []) query = query.orderBy(field, dir);
  if (options.skip) query = query.skip(options.skip);
  query = query.limit(options.limit ?? 100);
  const res = (await query.get()) as { data: unknown[] };
  return res.data.map((d) => parseDoc(schema, collection, d));
}
