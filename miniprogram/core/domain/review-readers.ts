/**
 * Who may read a review (DOMAIN §6.4): the one answer review.get, review.exemplary and the export's
 * registration forms all ask, so a file never holds a review its caller could not read on screen.
 */
import type { Review } from '../contracts/review';
import { fail, type Result } from '../errors';
import { ownsReview, redactReviewForReader, type OrgNode, type Reader, type ReviewView } from './visibility';
import type { Publication } from '../contracts/publication';

/** Where a review sits, beyond its text: what decides who manages it. */
export interface ReviewPlace {
  /** Ancestors of the reviewing org (the session's org), root first. */
  reviewingOrgPath: readonly string[];
  /** The target's org with its ancestors. */
  targetOrgPath: readonly string[];
  /** Orgs whose secretary reads it as well: a home visit's inflow org, whose review is the required one. */
  readerOrgIds: readonly string[];
  /** 'HELD' while the content check waits for the office. */
  moderation: 'PASS' | 'HELD';
}

/** The reader as the server knows them, before `manager` is decided. */
export interface ReviewReader extends Omit<Reader, 'manager'> {
  admin: boolean;
  liaisonOf: readonly string[];
}

/**
 * True when the reader manages the review: the office; a secretary above the reviewing org; the
 * secretary of an org named as its reader (a home visit); a secretary or liaison leader of the
 * target's org or an org above it (those who lead the work the review judges).
 */
export function managesReview(reader: Pick<ReviewReader, 'admin' | 'secretaryOf' | 'liaisonOf'>, place: Omit<ReviewPlace, 'moderation'>): boolean {
  if (reader.admin) return true;
  const leads = (o: string) => reader.secretaryOf.includes(o) || reader.liaisonOf.includes(o);
  return place.reviewingOrgPath.some((o) => reader.secretaryOf.includes(o)) || place.readerOrgIds.some((o) => reader.secretaryOf.includes(o)) || place.targetOrgPath.some(leads);
}

/**
 * What this reader sees of a review, or why not: held text only its writer and the office; then the
 * views of visibility.ts with `manager` decided by `managesReview`.
 */
export function readReview(review: Review, place: ReviewPlace, reader: ReviewReader, ctx: { publications: readonly Publication[]; tree: readonly OrgNode[] }): Result<ReviewView> {
  if (place.moderation === 'HELD' && !ownsReview(review, reader) && !reader.admin) return fail('SCOPE.FORBIDDEN', '该点评正在审核，暂不能查看');
  const { admin: _admin, liaisonOf: _liaisonOf, ...base } = reader;
  return redactReviewForReader(review, { ...base, manager: managesReview(reader, place) }, ctx);
}
