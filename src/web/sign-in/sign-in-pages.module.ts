import { Module } from '@nestjs/common';

/** Sign-in pages: ask for a link, and sign out. */
@Module({})
export class SignInPagesModule {}
