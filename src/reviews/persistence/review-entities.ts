import { ReviewComment } from './review-comment.entity';
import { ReviewContributor } from './review-contributor.entity';
import { ReviewLink } from './review-link.entity';
import { ReviewReturn } from './review-return.entity';
import { ReviewSubject } from './review-subject.entity';

/** The reviews module's tables, listed once for `src/database/entities.ts`. */
export const REVIEW_ENTITIES = [
  ReviewSubject,
  ReviewReturn,
  ReviewComment,
  ReviewLink,
  ReviewContributor,
];
