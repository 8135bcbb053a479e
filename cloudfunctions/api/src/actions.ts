/** Every action of the `api` function, by name; permissions live in the core's PERMISSIONS table. */
import type * as z from 'zod/mini';
import type { API_CATALOGUE, CatalogueName } from '../../../miniprogram/core/contracts/api/catalogue';
import type { ActionName } from '../../../miniprogram/core/domain/permissions';
import type { ActionTable } from './frame/router';
import { campaignActions } from './handlers/campaigns';
import { commitmentActions } from './handlers/commitments';
import { joiningActions } from './handlers/joining';
import { meActions } from './handlers/me';
import { moderationActions } from './handlers/moderation';
import { orgActions } from './handlers/orgs';
import { personActions } from './handlers/persons';
import { progressActions } from './handlers/progress';
import { handInActions } from './handlers/hand-ins';
import { requirementActions } from './handlers/requirements';
import { rosterActions } from './handlers/roster';
import { tenantActions } from './handlers/tenant';
import { sessionActions } from './handlers/sessions';
import { reportActions } from './handlers/reports';
import { opinionActions } from './handlers/opinions';
import { reviewActions } from './handlers/reviews';
import { publicationActions } from './handlers/publications';
import { rectificationActions } from './handlers/rectifications';
import { homeActions } from './handlers/home';
import { reminderActions } from './handlers/reminders';

type Catalogue = typeof API_CATALOGUE;
/** Each action's contracts as the catalogue gives them: the table must implement exactly these. */
type CatalogueSpecs = { [K in CatalogueName]: { input: z.ZodMiniType<z.output<Catalogue[K]['input']>>; output?: z.ZodMiniType<z.output<Catalogue[K]['output']>> } };

export const actions = {
  ...meActions,
  ...tenantActions,
  ...orgActions,
  ...personActions,
  ...rosterActions,
  ...joiningActions,
  ...campaignActions,
  ...commitmentActions,
  ...moderationActions,
  ...progressActions,
  ...handInActions,
  ...requirementActions,
  ...sessionActions,
  ...reportActions,
  ...opinionActions,
  ...reviewActions,
  ...publicationActions,
  ...rectificationActions,
  ...homeActions,
  ...reminderActions,
} satisfies Record<ActionName, ActionTable[string]> & CatalogueSpecs;
