import { TEST_JWT_SECRET, tokenWithoutExpiry } from '@cee-hub/common/testing';
import { issueUserToken, JWT_AUDIENCE, JWT_ISSUER, UnauthenticatedError } from '@cee-hub/common';
import { UserTokenVerifier } from './user-token';

const verifier = () => new UserTokenVerifier({ secret: TEST_JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
const staff = { role: 'ENTRY_SPECIALIST' as const, subject: 'staff-1', email: 'entry-specialist.electronics@cbp.example', centerId: 'ELECTRONICS' };

it('verifies a token and answers the same identity when the token comes again', async () => {
  const tokens = verifier();
  const token = await issueUserToken(staff, TEST_JWT_SECRET);
  const first = await tokens.identify(`Bearer ${token}`);
  expect(first).toMatchObject({ role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: staff.email });
  await expect(tokens.identify(`Bearer ${token}`)).resolves.toEqual(first);
});

it('refuses a remembered token once it has expired', async () => {
  const tokens = verifier();
  const token = await issueUserToken(staff, TEST_JWT_SECRET, '1s');
  await expect(tokens.identify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'ENTRY_SPECIALIST' });
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  await expect(tokens.identify(`Bearer ${token}`)).rejects.toThrow(new UnauthenticatedError('The token has expired; get a new one'));
});

it('refuses a forged token every time, whatever was verified before', async () => {
  const tokens = verifier();
  const genuine = await issueUserToken(staff, TEST_JWT_SECRET);
  await tokens.identify(`Bearer ${genuine}`);
  const forged = await issueUserToken({ ...staff, role: 'ADMIN' }, 'another-secret-of-at-least-thirty-two-bytes');
  for (let attempt = 0; attempt < 2; attempt++) {
    await expect(tokens.identify(`Bearer ${forged}`)).rejects.toThrow('The token is not valid for CEE Hub');
  }
});

it('refuses a token that never expires, even signed with the right secret', async () => {
  const forever = await tokenWithoutExpiry('user', { role: 'ADMIN', email: 'admin@cbp.example' }, TEST_JWT_SECRET);
  for (let attempt = 0; attempt < 2; attempt++) {
    await expect(verifier().identify(`Bearer ${forever}`)).rejects.toThrow(new UnauthenticatedError('The token has no expiry (exp); CEE Hub accepts only tokens that expire'));
  }
});
