/** The declaration the db tests run with, independent of the committed local/collections.json. */
import { parseDeclaration } from '../declaration';

export const testDeclaration = parseDeclaration({
  collections: [
    {
      name: 'examples',
      permission: 'ADMINONLY',
      indexes: [
        { name: 'owner_createdAt', keys: { owner: 1, createdAt: -1 } },
        { name: 'code_unique', keys: { code: 1 }, unique: true },
      ],
    },
    {
      name: 'pairs',
      permission: 'ADMINONLY',
      indexes: [{ name: 'a_b_unique', keys: { a: 1, 'b.c': 1 }, unique: true }],
    },
  ],
});
