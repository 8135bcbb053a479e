/**
 * The one place the cloud environment id lives. `local-dev` is the local cloud (`npm start`, tests, the
 * preview); replace it with the real env id from the cloud console before uploading.
 */
export const CLOUD_ENV = 'local-dev';

/** The one cloud function the mini program calls. */
export const API_FUNCTION = 'api';

/** The function that makes files (forms, 台帐, progress sheet, roster template); heavy libraries live there only. */
export const EXPORT_FUNCTION = 'export';
/**
 * Subscribe-message template ids per reminder kind: the ids of the templates picked from the public
 * library in the mp console (docs/deploy.md says which, and how their fields map). The front end
 * requests them and the `remind` function sends with them. The local cloud accepts any id.
 */
export const REMINDER_TEMPLATE_IDS = {
  REVIEW_DUE: 'local-tmpl-review-due',
  REPORT_DUE: 'local-tmpl-report-due',
  OPINION_DUE: 'local-tmpl-opinion-due',
  RECTIFICATION_DUE: 'local-tmpl-rectification-due',
  REPLY_TO_CONFIRM: 'local-tmpl-reply-to-confirm',
  PROGRESS_REPORT_DUE: 'local-tmpl-progress-report-due',
  PLAN_HAND_IN_DUE: 'local-tmpl-plan-hand-in-due',
} as const;
