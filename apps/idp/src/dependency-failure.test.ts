import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, isDependencyUnavailable } from './dependency-failure.ts';

function withCode(code: string, message = 'x') {
  return Object.assign(new Error(message), { code });
}

describe('isDependencyUnavailable', () => {
  it.each([
    ['pg_terminate_backend', withCode('57P01', 'terminating connection due to administrator command')],
    ['server starting up', withCode('57P03', 'the database system is starting up')],
    ['statement_timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['connection exception class', withCode('08006')],
    ['refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', withCode('ECONNRESET')],
    ['pg connection ended', new Error('Connection terminated unexpectedly')],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg query_timeout', new Error('Query read timeout')],
    ['ioredis closed', new Error('Connection is closed.')],
    ['ioredis command timeout', new Error('Command timed out')],
    [
      'ioredis retries exhausted',
      Object.assign(new Error('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' }),
    ],
    ['several addresses refused', new AggregateError([withCode('ECONNREFUSED')], '')],
    ['wrapped', new Error('lookup failed', { cause: withCode('57P01') })],
    ['said so by an adapter', new DependencyUnavailableError('the pub/sub connection is not ready')],
  ])('%s is an outage', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['syntax error', withCode('42601')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'Connection is closed.'],
    ['nothing', undefined],
  ])('%s is not', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
