/**
 * Moderation: text msgSecCheck sent for human review is stored HELD (shown to its author only);
 * the campaign office lists what is held and releases it, or refuses it and blanks the text.
 */
import { ModerationListOutput, ModerationReleaseOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import * as z from 'zod/mini';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { ModerationReleaseInput } from '../../../../miniprogram/core/contracts/api/work';
import type { ErrorCode } from '../../../../miniprogram/core/errors';
import type { Db } from '../frame/db';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { CommitmentDoc } from '../repositories/docs';
import { getById } from '../repositories/read';
import { OpinionDoc, RectificationDoc, ReportDoc, ReviewDoc } from '../repositories/work-docs';
import { listHeld } from '../repositories/store';
import { defineAction, tenantScope } from '../shared/scope';

/** What replaces refused text: the author sees why and writes it again. */
export const REFUSED_TEXT = '（内容未通过审核，请重新填写）';
const HELD_PAGE = 50;

interface Moderated {
  schema: z.ZodMiniType<{ _id: string; tenantId: string; version: number; moderation: 'PASS' | 'HELD' }>;
  notFound: ErrorCode;
  /** The fields of a refused document, with every user text blanked. */
  refuse(doc: Record<string, unknown>, db: Db): Record<string, unknown>;
  /** What the office reads to decide. */
  show(doc: Record<string, unknown>): Record<string, unknown>;
}

const blankItems = (items: Array<Record<string, unknown>>) => items.map((i) => ({ ...i, content: REFUSED_TEXT, fulfilmentNotes: '' }));

const MODERATED: Record<z.infer<typeof ModerationReleaseInput>['collection'], Moderated> = {
  commitments: {
    schema: CommitmentDoc,
    notFound: 'COMMITMENT.NOT_FOUND',
    refuse: (doc, db) => ({ items: db.command.set(blankItems(doc.items as Array<Record<string, unknown>>)) }),
    show: (doc) => ({ owner: doc.owner, items: doc.items }),
  },
  reports: {
    schema: ReportDoc,
    notFound: 'REPORT.NOT_FOUND',
    refuse: () => ({ fulfilment: REFUSED_TEXT, work: '', plans: '' }),
    show: (doc) => ({ sessionId: doc.sessionId, target: doc.target, fulfilment: doc.fulfilment, work: doc.work, plans: doc.plans }),
  },
  opinions: {
    schema: OpinionDoc,
    notFound: 'OPINION.NOT_FOUND',
    refuse: () => ({ content: REFUSED_TEXT }),
    // Never the author: anonymous opinions have none, and the office does not need a named one's.
    show: (doc) => ({ sessionId: doc.sessionId, target: doc.target, content: doc.content }),
  },
  reviews: {
    schema: ReviewDoc,
    notFound: 'REVIEW.NOT_FOUND',
    refuse: (doc, db) => ({
      aspects: db.command.set((doc.aspects as Array<Record<string, unknown>>).map((a) => ({ ...a, text: REFUSED_TEXT }))),
      achievements: REFUSED_TEXT,
      problems: REFUSED_TEXT,
      direction: REFUSED_TEXT,
      exemplaryNote: '',
    }),
    show: (doc) => ({ target: doc.target, aspects: doc.aspects, achievements: doc.achievements, problems: doc.problems, direction: doc.direction, rectification: doc.rectification }),
  },
  rectifications: {
    schema: RectificationDoc,
    notFound: 'RECTIFICATION.NOT_FOUND',
    refuse: (doc) => ({ plan: doc.plan ? REFUSED_TEXT : '', reply: doc.reply ? REFUSED_TEXT : '' }),
    show: (doc) => ({ target: doc.target, plan: doc.plan, reply: doc.reply }),
  },
};

export const moderationActions = {
  'moderation.list': defineAction({
    input: EmptyInput,
    output: ModerationListOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => {
      // One query per moderated collection: a constant number of round trips.
      const entries = await Promise.all(
        Object.entries(MODERATED).map(async ([collection, m]) => {
          const docs = (await listHeld(db, collection, m.schema, caller.tenantId, HELD_PAGE)) as unknown as Array<Record<string, unknown> & { _id: string; version: number }>;
          return [collection, docs.map((d) => ({ id: d._id, version: d.version, ...m.show(d) }))] as const;
        }),
      );
      // Object.fromEntries forgets the keys; MODERATED holds exactly the collections the contract names.
      return Object.fromEntries(entries) as z.output<typeof ModerationListOutput>;
    },
  }),

  'moderation.release': defineAction({
    input: ModerationReleaseInput,
    output: ModerationReleaseOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const m = MODERATED[input.collection];
      const doc = await getById(db, input.collection, m.schema, input.id);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError(m.notFound);
      if (doc.moderation !== 'HELD') throw new AppError('MODERATION.NOT_HELD');
      const patch = input.approve ? { moderation: 'PASS' } : { moderation: 'PASS', ...m.refuse(doc as unknown as Record<string, unknown>, db) };
      return mutation({ id: doc._id, released: input.approve }, [{ kind: 'update', collection: input.collection, id: doc._id, expectedVersion: doc.version, patch }]);
    },
  }),
};
