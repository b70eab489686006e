import { permanentFailureOf } from './permanent-failures';

const pgError = (code: string) => Object.assign(new Error('database error'), { code });

it('makes errors that repeat for the same input non-retryable BAD_USER_INPUT failures', () => {
  for (const code of ['22P05', '22021', '23505', '23514']) {
    const failure = permanentFailureOf(pgError(code));
    expect(failure).toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true });
    expect(failure!.message).toContain(code);
  }
  // TypeORM's QueryFailedError carries the driver's error.
  expect(permanentFailureOf(Object.assign(new Error('query failed'), { driverError: { code: '22P05' } }))).not.toBeNull();
});

it('leaves errors that may pass to be retried', () => {
  for (const error of [pgError('57P01'), pgError('08006'), pgError('40P01'), new Error('connect ECONNREFUSED'), Object.assign(new Error('x'), { code: 'ECONNRESET' })]) {
    expect(permanentFailureOf(error)).toBeNull();
  }
});
