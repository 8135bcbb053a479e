/** Public API of the local cloud's non-database services (for tests, scripts and the server). */
export { installServices, servicesDataDir } from './install';
export {
  callFunction,
  registerFunction,
  unregisterFunction,
  fireTimer,
  fireDelayedTask,
  setFunctionsDir,
  FUNCTION_ERRORS,
  DEFAULT_APPID,
  type CallFunctionOptions,
  type CallFunctionResult,
  type CloudMain,
} from './functions';
export {
  grantSubscription,
  subscriptionCredits,
  readOutbox,
  clearOutbox,
  haltNextSends,
  getSecWords,
  setSecWords,
  checkText,
  DEFAULT_SEC_WORDS,
  SubscribeRequestError,
  readUpdatableActivities,
  refuseNextActivities,
  clearUpdatableActivities,
  shareUpdatableCard,
  updatableCardFace,
  UPDATABLE_TEMPLATES,
  type UpdatableActivity,
  type UpdatableCall,
  type OutboxMessage,
  type SecWord,
} from './openapi';
export { fileIdFor, localFilePath, MAX_FILES_PER_CALL } from './storage';
export { firesBetween, functionsMode, moveDelayedTasks, parseCron, pendingDelayedTasks, resetTimers, runDueTimers, timerTriggers, type Cron, type DelayedTask, type Firing, type TimerTrigger } from './timers';
export { runAsCaller, currentCaller, type Caller } from './context';
export { DEFAULT_PORT, DEFAULT_ENV_ID, getEnvId, setEnvId, getBaseUrl, setBaseUrl, getDataDir } from './state';
