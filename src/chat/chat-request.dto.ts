import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

function IsContent(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isContent',
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          typeof value === 'string' ||
          (Array.isArray(value) &&
            value.every(
              (part) =>
                typeof part === 'object' &&
                part !== null &&
                !Array.isArray(part) &&
                typeof (part as { type?: unknown }).type === 'string',
            )),
        defaultMessage: () => '$property must be a string, null, or a list of content parts with a "type"',
      },
    },
    options,
  );
}

/** Only the fields Warden itself reads are validated; every other field passes through to the upstream untouched. */
export class ChatMessageDto {
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  role!: string;

  @IsContent()
  content?: unknown;
}

export class ChatCompletionRequestDto {
  @MaxLength(256)
  @IsNotEmpty()
  @IsString()
  model!: string;

  @ValidateNested({ each: true })
  @IsObject({ each: true, message: 'each value in messages must be an object with role and content' })
  @ArrayNotEmpty()
  @IsArray()
  messages!: ChatMessageDto[];

  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}
