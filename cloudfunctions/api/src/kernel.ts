/**
 * The server kernel: the part of the api's code that the other cloud functions (`remind`, `export`) may
 * use, named in one place. They import from here and nothing else under `api/src` (a lint rule checks
 * it), so what the api shares is a list someone chose, and a change to a module not listed here cannot
 * reach the timer or the export. Everything listed keeps its home; this file only re-exports.
 *
 * - frame: the caller, the database handle, errors, the router (export runs its own table through it), the unit of work;
 * - repositories: the stored-document schemas and the named queries the timer and the export read with;
 * - shared: permission-scope resolvers, review-work helpers, the anonymity key, reminder chains, the plan job;
 *
 * The two api actions the export runs in process (`roster.import`, `progress.get`) are in `in-process.ts`, not
 * here: re-exported from the kernel they would be bundled into `remind` too (51 KB it never runs).
 */
export { type Caller, type UseCase } from './frame/action';
export { type Cloud, type Db } from './frame/db';
export { AppError } from './frame/errors';
export { handle, type ActionTable } from './frame/router';
export { mutation } from './frame/uow';
export { COL } from './repositories/collections';
export { campaignOf, CommitmentDoc, PersonDoc, type CampaignDoc, type OrgDoc } from './repositories/docs';
export { FRAME_STORE } from './repositories/frame-store';
export { findMany, getById } from './repositories/read';
export { getCampaign, getOrg, listOrgs, listOrgsByIds, PAGE } from './repositories/store';
export { getPublication, listReviewsByIds, listSessionReviews } from './repositories/work';
export { PublicationDoc, RectificationDoc, ReviewDoc } from './repositories/work-docs';
export { counterAndParent, listCounters, reportsOf, rootCounter, scanAll } from './repositories/progress';
export { ProgressReportDoc } from './repositories/progress-docs';
export { getPlanJob } from './repositories/plan-job';
export { AFTER_END_DAYS, boundPersonsInOrgs, claimReminder, claimReminders, clearCredit, countersAskingBy, countersUnder, dueRectifications, nudgesOn, openRequirementsOfCycles, personsByIds, releaseReminder, reminderId, remindersOn, repliedRectifications, runningCampaigns, sessionsNudgedOn, sessionsWithOpinionDeadline, sessionsWithReportDeadline, settleReminder, settleReminders, spendCredit, spendCredits, reviewDueOfDay, staleClaims, submittedReportsOf, subscriptionsOf, takenSlotIds, takeOverClaim, tenantAdmins, type ReminderDoc, type SubscriptionDoc } from './repositories/reminders';
export { defineAction, newId, orgScope, scopedOrg, tenantScope } from './shared/scope';
export { entityScope, isUpper, partialTree, publicationOf, readerOf, rectificationOf, reviewOf, reviewPlaceOf, reviewReaderOf, reviewScope, sessionScope, templateFor } from './shared/work';
export { anonymityKeyOrNull, keyedReminderId, sealValue, unsealValue } from './shared/anonymity';
export { askedSlotIds } from './shared/opinion-slots';
export { type SealedReminder } from './shared/in-app-reminders';
export { chainLinkOf, delayedTaskSchedule, runLink } from './shared/remind-chain';
export { planSlice, SLICE_TRIPS } from './plan/plan';
export { replanIncremental } from './plan/plan-incremental';
export { staleReasons, type StaleReason } from './plan/plan-stale';
