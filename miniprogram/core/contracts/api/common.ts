/** Inputs shared by many actions. */
import * as z from 'zod/mini';

/** An action that takes no payload. */
export const EmptyInput = z.object({});
