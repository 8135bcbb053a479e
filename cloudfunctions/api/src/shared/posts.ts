/** What the org and person handlers share about posts (书记, 班子成员, 联系领导). */
import { AppError } from '../frame/errors';
import type { PersonDoc } from '../repositories/docs';

/** Secretaries, committee members and liaison leaders must be party members (DOMAIN §1, tree rules). */
export function requireMember(person: PersonDoc): PersonDoc {
  if (!person.isMember) throw new AppError('PERSON.NOT_MEMBER', `“${person.name}”不是党员，不能担任书记、班子成员或联系领导`);
  return person;
}
