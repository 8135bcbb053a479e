// The review-quality hints under one review's boxes (issue 27): quiet suggestions, never a block. The
// page computes them with the core's sessionReviewHints and passes them in; this only shows them.
import type { QualityHint } from '../../core/domain/review-quality';

Component({
  properties: {
    /** The hints of one review, as the core returns them; nothing shows when empty. */
    hints: { type: Array, value: [] as QualityHint[] },
  },
});
