/**
 * Who may call what in the `export` function, with the same roles as PERMISSIONS. Forms carry a
 * review's content, so the use cases also pass every review through `redactReviewForReader`, as
 * `review.get` does: a file never holds a review its caller could not read on screen.
 */
import { PERMISSIONS, type Role } from './permissions';

/** Those who lead or oversee an org's review work may take its files (its plain members may not). */
const ORG_OVERSEERS = ['SECRETARY', 'UPPER_SECRETARY', 'LIAISON_LEADER', 'TENANT_ADMIN'] as const;

/** The permission table of the `export` function's actions. */
export const EXPORT_PERMISSIONS = {
  // Scoped like review.get / session.get: the use case decides per review.
  'form.review': PERMISSIONS['review.get'],
  'form.session': PERMISSIONS['session.get'],
  'form.members': ORG_OVERSEERS,
  // Whoever may read the notice on screen may print it (the use case asks redactPublicationForReader).
  'form.notice': PERMISSIONS['publication.get'],
  'archive.start': ORG_OVERSEERS,
  'archive.step': ['BOUND'],
  'progress.sheet': PERMISSIONS['progress.get'],
  'roster.template': PERMISSIONS['roster.import'],
  'roster.importFile': PERMISSIONS['roster.import'],
} as const satisfies Record<string, readonly Role[]>;

export type ExportActionName = keyof typeof EXPORT_PERMISSIONS;
