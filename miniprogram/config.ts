/**
 * The one place the cloud environment id lives. `local-dev` is the local cloud (`npm start`, tests, the
 * preview); replace it with the real env id from the cloud console before uploading.
 */
export const CLOUD_ENV = 'local-dev';

/** The one cloud function the mini program calls. */
export const API_FUNCTION = 'api';

/** The function that makes files (forms, 台帐, progress sheet, roster template); heavy libraries live there only. */
export const EXPORT_FUNCTION = 'export';
