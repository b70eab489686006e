import { randomBytes } from 'node:crypto';
import { InternalTokenSigner, InternalTokenVerifier, UnauthenticatedError } from './index';
import { tokenWithoutExpiry } from './testing';

const secret = randomBytes(32).toString('base64url');
const ADMIN = { role: 'ADMIN' as const, subject: 'admin-1', email: 'admin@cbp.example' };

it('takes the gateway identity signed with its secret, and nothing else', async () => {
  const verifier = new InternalTokenVerifier(secret);
  await expect(verifier.verify(await new InternalTokenSigner(secret).sign(ADMIN))).resolves.toMatchObject({ role: 'ADMIN', subject: 'admin-1' });
  const refused = new UnauthenticatedError('The gateway identity token is invalid or expired');
  // Another secret, the public development secret of earlier versions among them.
  for (const other of [randomBytes(32).toString('base64url'), 'cee-hub-development-internal-secret-not-for-production']) {
    await expect(verifier.verify(await new InternalTokenSigner(other).sign(ADMIN))).rejects.toThrow(refused);
  }
  // The right secret, but no expiry: it could be replayed for ever.
  await expect(verifier.verify(await tokenWithoutExpiry('internal', ADMIN, secret))).rejects.toThrow(refused);
  await expect(verifier.verify(undefined)).rejects.toThrow(UnauthenticatedError);
});
