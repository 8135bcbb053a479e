/**
 * The api actions the export function runs in process through the api's router: `roster.import` (an
 * uploaded roster file) and `progress.get` (the progress sheet). Kept apart from `kernel.ts` so that only
 * the export's bundle carries these handlers; `remind` may not import this (lint).
 */
export { progressActions } from './handlers/progress';
export { rosterActions } from './handlers/roster';
