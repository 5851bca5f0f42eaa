import { Module } from '@nestjs/common';
import { OUT_OF_AREA_REACH } from '../access/instance-membership';
import { ReviewCommentsController } from './comments/review-comments.controller';
import { ReviewCommentsService } from './comments/review-comments.service';
import { OutOfAreaReachService } from './contributors/out-of-area-reach.service';
import { ReviewContributorsController } from './contributors/review-contributors.controller';
import { ReviewContributorsService } from './contributors/review-contributors.service';
import { ReviewReturnsController } from './returns/review-returns.controller';
import { ReviewReturnsService } from './returns/review-returns.service';
import { ReviewCommands } from './review-commands.service';
import { ReviewListService } from './reviews/review-list.service';
import { ReviewViewService } from './reviews/review-view.service';
import { PartnershipReviewsController, ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';
import { ReviewSubjectsController } from './subjects/review-subjects.controller';
import { ReviewSubjectsService } from './subjects/review-subjects.service';

/**
 * Serious case reviews, practice reviews and learning reviews (domain.md, "Process 2" and
 * "Process 3") over their workflows: incidents recorded and reviews opened, lists with progress
 * against timescales, each review whole, agencies' returns and panel comments, the child's
 * identifying details apart, and out-of-area contributing partnerships.
 */
@Module({
  controllers: [
    PartnershipReviewsController,
    ReviewsController,
    ReviewReturnsController,
    ReviewCommentsController,
    ReviewContributorsController,
    ReviewSubjectsController,
  ],
  providers: [
    ReviewCommands,
    ReviewsService,
    ReviewListService,
    ReviewViewService,
    ReviewReturnsService,
    ReviewCommentsService,
    ReviewContributorsService,
    ReviewSubjectsService,
    { provide: OUT_OF_AREA_REACH, useClass: OutOfAreaReachService },
  ],
  exports: [
    ReviewSubjectsService,
    ReviewViewService,
    ReviewsService,
    ReviewReturnsService,
    ReviewCommentsService,
  ],
})
export class ReviewsModule {}
