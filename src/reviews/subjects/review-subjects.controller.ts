import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { ReviewSubjectsService, type ReviewSubjectView } from './review-subjects.service';

/** The child's identifying details, apart from the review and its pseudonym. */
@ApiTags('reviews')
@Controller('api/reviews/:instanceId/subject')
export class ReviewSubjectsController {
  constructor(private readonly subjects: ReviewSubjectsService) {}

  @Get()
  @Permission('case-identifiers.view')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The child’s name, date of birth, address and agency record numbers; every view is logged',
  })
  view(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
  ): Promise<ReviewSubjectView> {
    return this.subjects.view(access, instanceId);
  }
}
