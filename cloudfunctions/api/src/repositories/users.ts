/** users: one document per WeChat openid, binding it to a tenant, a person and the admin role. */
import * as z from 'zod/mini';
import type { Caller } from '../frame/action';
import type { Db } from '../frame/db';
import { COL } from './collections';
import { PersonDoc } from './docs';
import { getById } from './read';

export const UserDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  personId: z.nullable(z.string()),
  admin: z.boolean(),
  boundAt: z.number(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/** Loads who the caller is from their openid: the users binding and the bound person (parsed with the one persons contract). */
export async function loadCaller(db: Db, openid: string): Promise<Caller> {
  const user = await getById(db, COL.users, UserDoc, openid);
  if (!user) return { openid, tenantId: null, personId: null, orgId: null, admin: false, secretaryOf: [], liaisonOf: [] };
  const found = user.personId ? await getById(db, COL.persons, PersonDoc, user.personId) : null;
  // A person who has left keeps their binding (and history) but none of the roles of their posts.
  const person = found && !found.left ? found : null;
  return {
    openid,
    tenantId: user.tenantId,
    personId: person?._id ?? null,
    orgId: person?.orgId ?? null,
    admin: user.admin || person?.admin === true,
    secretaryOf: person?.secretaryOf ?? [],
    liaisonOf: person?.liaisonOf ?? [],
  };
}
