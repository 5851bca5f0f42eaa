import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { SignInPagesController } from './sign-in-pages.controller';

/** Sign-in pages: ask for a link, check your email, and sign out. */
@Module({
  imports: [AuthModule],
  controllers: [SignInPagesController],
})
export class SignInPagesModule {}
