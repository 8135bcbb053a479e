/** Reads and checks `local/collections.json`, the declaration of collections and their indexes. */
import * as fs from 'fs';
import * as path from 'path';
import * as z from 'zod/mini';

const IndexSchema = z.object({
  name: z.string().check(z.minLength(1)),
  keys: z.record(z.string(), z.union([z.literal(1), z.literal(-1)])),
  unique: z.optional(z.boolean()),
});

const CollectionSchema = z.object({
  name: z.string().check(z.minLength(1)),
  permission: z.enum(['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM']),
  indexes: z.optional(z.array(IndexSchema)),
  /** Why this collection may be read without an index (a small configuration collection); its queries are then not checked. */
  scan: z.optional(z.string().check(z.minLength(10))),
});

const DeclarationSchema = z.object({
  $comment: z.optional(z.string()),
  collections: z.array(CollectionSchema),
});

export type IndexDeclaration = z.infer<typeof IndexSchema>;
export type CollectionDeclaration = z.infer<typeof CollectionSchema>;
export type Declaration = z.infer<typeof DeclarationSchema>;

/** The committed declaration file. */
export const DECLARATION_PATH = path.join(__dirname, '..', '..', 'collections.json');

/** Validates a declaration (names unique, ≤ 20 indexes, non-empty keys); throws on a bad one. */
export function parseDeclaration(input: unknown): Declaration {
  const decl = z.parse(DeclarationSchema, input);
  const names = new Set<string>();
  for (const c of decl.collections) {
    if (names.has(c.name)) throw new Error(`collections.json: collection ${c.name} declared twice`);
    names.add(c.name);
    const indexes = c.indexes ?? [];
    if (indexes.length > 20) throw new Error(`collections.json: ${c.name} has more than 20 indexes`);
    const indexNames = new Set<string>();
    for (const ix of indexes) {
      if (indexNames.has(ix.name)) throw new Error(`collections.json: ${c.name} index ${ix.name} declared twice`);
      indexNames.add(ix.name);
      if (Object.keys(ix.keys).length === 0) throw new Error(`collections.json: ${c.name}.${ix.name} has no keys`);
    }
  }
  return decl;
}

/** Loads the declaration from a file (default: the committed one). */
export function loadDeclaration(file: string = DECLARATION_PATH): Declaration {
  return parseDeclaration(JSON.parse(fs.readFileSync(file, 'utf8')));
}
