import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { entityTag } from '../../common/preconditions';
import { AddContributorDto } from './dto/add-contributor.dto';
import {
  ReviewContributorsService,
  type ContributorAddedView,
} from './review-contributors.service';

/** Partnerships contributing to another's review (out of area). */
@ApiTags('reviews')
@Controller('api/reviews/:instanceId/contributors')
export class ReviewContributorsController {
  constructor(private readonly contributors: ReviewContributorsService) {}

  @Post()
  @Permission('instance.manage-members')
  @ApiOperation({
    summary:
      'Record another partnership as contributing to this review and put its named people on it, by email',
  })
  async add(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: AddContributorDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributorAddedView> {
    const added = await this.contributors.add(access, instanceId, body);
    response.setHeader('ETag', entityTag(added.version));
    return added;
  }
}
