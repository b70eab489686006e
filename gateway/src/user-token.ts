import { type Identity, identityFromClaims, PUBLIC_IDENTITY, UnauthenticatedError } from '@cee-hub/common';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { GatewayConfig } from './config';

/**
 * Verifies the bearer tokens of callers. No token means the public; a token that fails
 * verification is refused outright rather than treated as public, so a client with an
 * expired session learns it instead of silently seeing less.
 */
export class UserTokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: GatewayConfig['jwt']) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.secret) this.key = new TextEncoder().encode(options.secret);
    else throw new Error('A JWT secret or JWKS URL is required');
  }

  async identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return PUBLIC_IDENTITY;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, this.key as Uint8Array, { issuer: this.options.issuer, audience: this.options.audience }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(expired ? 'The token has expired; get a new one' : 'The token is not valid for CEE Hub');
    }
    return identityFromClaims(payload);
  }
}
