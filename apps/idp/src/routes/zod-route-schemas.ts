import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Routes declare the @uia/schemas contract as their Fastify schema: zod checks
 * what comes in (each problem a field-level AppError, the same `{ error }`
 * answer as any other), and replies go out through fast-json-stringify, built
 * from the same schema, so a reply carries exactly the contract's fields.
 * Error replies declare no schema: they go out as the error handler built them.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** The first problem of a body the schema refuses, as the AppError the client sees. */
function bodyError(issues: z.core.$ZodIssue[], body: Record<PropertyKey, unknown>): AppError {
  // Unknown keys first: a request with extra fields is refused as such, whatever else is wrong.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  const field = issue.code === 'unrecognized_keys' ? undefined : issue.path.map(String).join('.') || undefined;
  const options = field ? { field } : {};
  switch (issue.code) {
    case 'unrecognized_keys':
      return new AppError('UNKNOWN_FIELD');
    case 'too_big':
      return new AppError('FIELD_TOO_LONG', options);
    case 'too_small':
      return new AppError('FIELD_REQUIRED', options);
    case 'invalid_type':
      return new AppError(issue.path.length === 1 && body[issue.path[0]!] === undefined ? 'FIELD_REQUIRED' : 'FIELD_INVALID', options);
    case 'invalid_value':
      return new AppError(field === 'idType' ? 'ID_TYPE_INVALID' : 'FIELD_INVALID', options);
    default:
      return new AppError('FIELD_INVALID', options);
  }
}

const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  // A schema every field of which is optional also takes a POST without a body.
  const takesNoBody = schema.safeParse({}).success;
  return (data: unknown) => {
    const input = data === null && takesNoBody ? {} : data;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: new AppError('BODY_INVALID') };
    const result = schema.safeParse(input);
    return result.success ? { value: result.data } : { error: bodyError(result.error.issues, input as Record<PropertyKey, unknown>) };
  };
};

function serializerCompiler({ schema }: { schema: z.ZodType }) {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
}

/** Lets this plugin's routes declare zod schemas (body, params, response); returns the instance typed by them. */
export function withContractSchemas(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app.withTypeProvider<ZodTypeProvider>();
}
