import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAccess, Permission } from '../access/access.decorators';
import type { AccessContext } from '../access/access-context';
import { ApiTokenService, ApiTokenView, IssuedApiToken } from './api-token.service';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { MeService, MeView } from './me.service';

@ApiTags('me')
@Controller('api/me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly tokens: ApiTokenService,
  ) {}

  @Get()
  @Permission('own-account')
  whoAmI(@CurrentAccess() access: AccessContext): Promise<MeView> {
    return this.me.describe(access.principal);
  }

  @Get('tokens')
  @Permission('own-account')
  listTokens(@CurrentAccess() access: AccessContext): Promise<ApiTokenView[]> {
    return this.tokens.list(access.principal.personId);
  }

  /** The answer holds the token itself, shown this once. */
  @Post('tokens')
  @Permission('own-tokens.create')
  createToken(
    @CurrentAccess() access: AccessContext,
    @Body() body: CreateApiTokenDto,
  ): Promise<IssuedApiToken> {
    return this.tokens.issue(access.principal.personId, body.name, body.expiresInDays);
  }

  @Delete('tokens/:tokenId')
  @Permission('own-account')
  @HttpCode(204)
  revokeToken(
    @CurrentAccess() access: AccessContext,
    @Param('tokenId', new ParseUUIDPipe()) tokenId: string,
  ): Promise<void> {
    return this.tokens.revoke(access.principal.personId, tokenId);
  }
}
