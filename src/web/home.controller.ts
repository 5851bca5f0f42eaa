import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';

/** The start page: what the service is for and who uses it. */
@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  @Get()
  @Render('home')
  home(): Record<string, never> {
    return {};
  }
}
