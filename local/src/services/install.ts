/**
 * Installs the non-database services of the local cloud into this process: caller-aware
 * process.env, and answers to node-sdk's openapi, storage and functions requests.
 */
import { installEnvProxy } from './context';
import { installFunctions } from './functions';
import { installOpenapi } from './openapi';
import { installSeam } from './seam';
import { getDataDir, setDataDir } from './state';
import { installStorage } from './storage';
import { functionsMode } from './timers';

let installed = false;

/** Installs the services (idempotent); a later call with another dataDir repoints them. */
export function installServices(options: { dataDir: string }): void {
  setDataDir(options.dataDir);
  // A V2 environment has no timer: its functions are configured to drive remind by a chain of delayed tasks (docs/deploy.md).
  if (functionsMode() === 'v2') process.env.REMIND_DRIVER ??= 'chain';
  if (installed) return;
  installEnvProxy();
  installSeam();
  installOpenapi();
  installStorage();
  installFunctions();
  installed = true;
}

/** The data directory the services currently use. */
export const servicesDataDir = getDataDir;
