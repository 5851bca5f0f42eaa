import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { problem } from './problem-details.filter';

function flatten(
  errors: ValidationError[],
  parent = '',
): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** DTO validation: unknown fields are refused, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field, as the GOV.UK error summary shows them.
    stopAtFirstError: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException(
        problem(400, fieldErrors.map((error) => error.message).join('; '), { errors: fieldErrors }),
      );
    },
  });
}
