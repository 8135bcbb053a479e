// The journeys: each names the person, the outcome they came for and a tap budget, and walks there from
// their home screen by taps alone. The api is used only to check an outcome afterwards. They run in this
// order on one local cloud, so a later journey sees what an earlier one did (as people share one cloud).
// Each role's journeys live in roles/<file>.mjs.
import { MEMBER_JOURNEYS } from './roles/members.mjs';
import { OFFICE_JOURNEYS } from './roles/office.mjs';
import { REVIEWER_JOURNEYS } from './roles/reviewers.mjs';
import { WRITER_JOURNEYS } from './roles/writers.mjs';

/** @typedef {{ name: string, who: string, as: string, outcome: string, budget: number, font?: number, start?: string, run: (j: any, ctx: { url: string }) => Promise<void> }} Journey */

/** @type {Journey[]} */
export const JOURNEYS = [...MEMBER_JOURNEYS, ...REVIEWER_JOURNEYS, ...WRITER_JOURNEYS, ...OFFICE_JOURNEYS];
