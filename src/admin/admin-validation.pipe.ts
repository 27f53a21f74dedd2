import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidFields, type FieldProblem } from './invalid-fields.error';

/**
 * Validation for admin input only (bodies, queries, params), put on the admin controllers with `@UsePipes`. Never
 * global: chat bodies carry unknown fields that must reach the upstream untouched. Unknown admin fields are a 400.
 */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => invalidFields('request', flatten(errors, '')),
  });
}

/** `litellm_params`, `messages[0].role`: one problem per failing constraint, with its path. */
function flatten(errors: readonly ValidationError[], base: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${base}[${error.property}]`
      : base
        ? `${base}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message: stripProperty(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** class-validator starts its messages with the property name; the path already says it. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
