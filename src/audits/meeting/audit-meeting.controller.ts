import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../../access/access.decorators';
import type { AccessContext } from '../../access/access-context';
import { auditActor } from '../audit-actor';
import type { AuditView } from '../audits/audits.service';
import { parseIfMatch } from '../../common/preconditions';
import { AuditMeetingService } from './audit-meeting.service';
import { RecordMeetingDto } from './dto/record-meeting.dto';

@ApiTags('audits')
@Controller('api/audits/:instanceId/meeting')
export class AuditMeetingController {
  constructor(private readonly meeting: AuditMeetingService) {}

  /** The chair records the meeting: a moderated grade per case and the findings. */
  @Post()
  @HttpCode(200)
  @Permission('instance.send-event')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The audit’s version, e.g. "9"' })
  record(
    @CurrentAccess() access: AccessContext,
    @Param('instanceId') instanceId: string,
    @Body() body: RecordMeetingDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AuditView> {
    return this.meeting.record(auditActor(access), instanceId, body, parseIfMatch(ifMatch));
  }
}
