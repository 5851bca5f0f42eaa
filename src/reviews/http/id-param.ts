import { ParseUUIDPipe } from '@nestjs/common';
import { ReviewsErrorCode, ReviewsException } from '../reviews.exception';

/** A path id that is not a UUID names nothing: it reads as not found, like one that does not exist. */
export function idParam(code: ReviewsErrorCode): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new ReviewsException(code) });
}
