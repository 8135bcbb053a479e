/**
 * Shared settings of the emulated services: where their data lives, which environment id
 * the emulated cloud answers as, and the base URL temp file links point at.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Port of the local HTTP server when PORT is not set. */
export const DEFAULT_PORT = 8787;

/** Environment id the local cloud answers as (override with LOCAL_CLOUD_ENV). */
export const DEFAULT_ENV_ID = 'local-dev';

/** Root of the project (local/src/services → project). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

interface ServicesState {
  dataDir: string;
  envId: string;
  baseUrl: string;
}

const state: ServicesState = {
  dataDir: process.env.LOCAL_CLOUD_DATA || join(PROJECT_ROOT, '.local-cloud'),
  envId: process.env.LOCAL_CLOUD_ENV || DEFAULT_ENV_ID,
  baseUrl: `http://127.0.0.1:${process.env.PORT || DEFAULT_PORT}`,
};

/** Points the services at a data directory (created on first write). */
export function setDataDir(dir: string): void {
  state.dataDir = resolve(dir);
}

/** The data directory the services read and write. */
export function getDataDir(): string {
  return state.dataDir;
}

/** The environment id used for fileIDs and getWXContext().ENV. */
export function getEnvId(): string {
  return state.envId;
}

/** Sets the environment id (tests; the server reads LOCAL_CLOUD_ENV). */
export function setEnvId(envId: string): void {
  state.envId = envId;
}

/** Base URL (scheme://host:port) that temp file URLs and upload URLs point at. */
export function getBaseUrl(): string {
  return state.baseUrl;
}

/** Called by the HTTP server once it knows its real port. */
export function setBaseUrl(url: string): void {
  state.baseUrl = url.replace(/\/+$/, '');
}

/** Path of a file under the data directory. */
export function dataPath(...parts: string[]): string {
  return join(state.dataDir, ...parts);
}

/** Reads a JSON file of the data directory, or the fallback when it does not exist. */
export function readJson<T>(file: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw e;
  }
  return JSON.parse(text) as T;
}

/** Writes a JSON file atomically (write + rename) so a crash never leaves half a file. */
export function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}
