/** What the frame needs from the database, for every function built on it (api, export). */
import type { FrameStore } from '../frame/router';
import { commit, priorReply } from './commit';
import { loadCaller } from './users';

export const FRAME_STORE: FrameStore = { loadCaller, priorReply, commit };
