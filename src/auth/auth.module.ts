import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Clock, SystemClock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import { REDIS } from '../queue/redis.module';
import { ApiTokenService } from './api-token.service';
import { AuthController } from './auth.controller';
import { Authenticator } from './authenticator.service';
import { CsrfService } from './csrf.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { PrincipalLoader } from './principal-loader.service';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { signInThrottling } from './sign-in-throttling';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG, REDIS], useFactory: signInThrottling }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    SessionCookie,
    SessionService,
    SignInService,
    ApiTokenService,
    PrincipalLoader,
    Authenticator,
    CsrfService,
    MeService,
  ],
  exports: [Clock, Authenticator, CsrfService, SessionService, SignInService, ApiTokenService],
})
export class AuthModule {}
