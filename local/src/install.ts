/**
 * Entry point of the local cloud: opens the data dir, routes wx-server-sdk's database requests to
 * the emulator and starts the other services (local/src/services/install.ts) when they exist.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { installDbSeam } from './db/seam';
import { openStore, Store, StoreOptions } from './db/store';
import { createEngine, Engine } from './db/engine';
import { dbBusy, requestCounter, RequestCounter } from './db/counter';
import { Declaration, loadDeclaration } from './db/declaration';
import { localClock, type Clock } from './clock';

export interface LocalCloudOptions {
  /** Where the local cloud keeps its data (database under `<dataDir>/database`). */
  dataDir: string;
  /** Sets the local cloud's clock to this instant (epoch ms, ISO with offset, or a CST date); default: the machine's time. */
  now?: string | number;
  /** Collections and indexes (default: local/collections.json). */
  declaration?: Declaration;
  store?: StoreOptions;
}

export interface LocalCloud {
  dataDir: string;
  engine: Engine;
  store: Store;
  counter: RequestCounter;
  /** The one clock of the functions, the database's serverDate() and the services. */
  clock: Clock;
  /** Creates collections that do not exist yet (as db.createCollection would). */
  createCollections(names: string[]): void;
  /** Drops every document and collection, re-creates the declared ones and zeroes the counter. */
  reset(): void;
  /** Reopens the store from disk, as a process restart would (open transactions are lost). */
  restart(): void;
  /** Closes the journal; the seam stays installed but answers nothing until the next install. */
  close(): void;
}

let current: LocalCloud | null = null;
let servicesDataDir: string | null = null;

function storeOptionsFromEnv(): StoreOptions {
  const bytes = Number(process.env.LOCAL_CLOUD_COMPACT_BYTES);
  return Number.isFinite(bytes) && bytes > 0 ? { compactBytes: bytes } : {};
}

function applyDeclaration(store: Store, decl: Declaration): void {
  for (const c of decl.collections) {
    store.createCollection(c.name);
    store.setUniqueIndexes(
      c.name,
      (c.indexes ?? []).filter((ix) => ix.unique).map((ix) => ({ name: ix.name, fields: Object.keys(ix.keys) })),
    );
    store.setIndexes(c.name, (c.indexes ?? []).map((ix) => ({ name: ix.name, fields: Object.keys(ix.keys) })));
  }
}

/** The collections whose queries must be served by a declared index: declared, and not allowed to scan. */
function checkedCollections(decl: Declaration): Set<string> {
  return new Set(decl.collections.filter((c) => !c.scan).map((c) => c.name));
}

/** Installs the local cloud for this process (idempotent for the same dataDir; another dataDir re-targets it). */
export function installLocalCloud(options: LocalCloudOptions): LocalCloud {
  const dataDir = path.resolve(options.dataDir);
  if (current && current.dataDir === dataDir) return current;
  if (current) current.close();
  const decl = options.declaration ?? loadDeclaration();
  const storeOptions = { ...storeOptionsFromEnv(), ...options.store };
  const clock = localClock();
  if (options.now !== undefined) clock.set(options.now);
  let store = openStore(dataDir, storeOptions);
  applyDeclaration(store, decl);
  let engine = createEngine({ store, counter: requestCounter, now: clock.now, checked: checkedCollections(decl) });
  installDbSeam((action, params) => {
    if (current !== cloud) return Promise.reject(new Error('local cloud closed'));
    // Made here, where the SDK sends, so that an unindexed query can name the code that asked (its stack is read only then).
    const site = new Error('database request');
    dbBusy.enter();
    return Promise.resolve()
      .then(() => engine.send(action, params, site))
      .finally(() => dbBusy.leave());
  });
  const cloud: LocalCloud = {
    dataDir,
    get engine() {
      return engine;
    },
    get store() {
      return store;
    },
    counter: requestCounter,
    clock,
    createCollections(names) {
      for (const n of names) store.createCollection(n);
    },
    reset() {
      store.close();
      fs.rmSync(path.join(dataDir, 'database'), { recursive: true, force: true });
      store = openStore(dataDir, storeOptions);
      applyDeclaration(store, decl);
      engine = createEngine({ store, counter: requestCounter, now: clock.now, checked: checkedCollections(decl) });
      requestCounter.reset();
    },
    restart() {
      store.close();
      store = openStore(dataDir, storeOptions);
      applyDeclaration(store, decl);
      engine = createEngine({ store, counter: requestCounter, now: clock.now, checked: checkedCollections(decl) });
    },
    close() {
      store.close();
      if (current === cloud) current = null;
    },
  };
  current = cloud;
  provideAnonymityKey(dataDir);
  startServices(dataDir);
  return cloud;
}

/** Marks an ANONYMITY_KEY that the local cloud set itself (a developer's own one is left alone). */
const KEY_FROM_LOCAL = 'LOCAL_CLOUD_ANONYMITY_KEY';

/**
 * Gives the functions the `ANONYMITY_KEY` a real environment keeps in the function's configuration
 * (docs/anonymity.md): drawn once per data dir into `<dataDir>/anonymity.key`, outside the database
 * folder, so that a copy of the database alone does not carry it.
 */
function provideAnonymityKey(dataDir: string): void {
  if (process.env.ANONYMITY_KEY && process.env[KEY_FROM_LOCAL] !== process.env.ANONYMITY_KEY) return;
  const file = path.join(dataDir, 'anonymity.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  process.env.ANONYMITY_KEY = key;
  process.env[KEY_FROM_LOCAL] = key;
}

/** The installed local cloud, if any. */
export function currentLocalCloud(): LocalCloud | null {
  return current;
}

function startServices(dataDir: string): void {
  if (servicesDataDir === dataDir) return;
  const file = path.join(__dirname, 'services', 'install.ts');
  if (!fs.existsSync(file)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const services = require(file) as { installServices?: (o: { dataDir: string }) => unknown };
  if (typeof services.installServices === 'function') {
    services.installServices({ dataDir });
    servicesDataDir = dataDir;
  }
}
