import { type Identity, identityFromClaims, PUBLIC_IDENTITY, UnauthenticatedError } from '@cee-hub/common';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { GatewayConfig } from './config';

/** How long a verified token is trusted without verifying it again (never past its own expiry). */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Verifies the bearer tokens of callers. No token means the public; a token that fails
 * verification is refused outright rather than treated as public, so a client with an
 * expired session learns it instead of silently seeing less.
 *
 * A client sends the same token with every request, so a verified token is remembered
 * until it expires or for a minute, whichever comes first: the signature check is then
 * paid once per minute per caller rather than per request. Failures are never remembered.
 */
export class UserTokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  private readonly verified = new Map<string, { identity: Identity; trustedUntil: number }>();

  constructor(private readonly options: GatewayConfig['jwt']) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.secret) this.key = new TextEncoder().encode(options.secret);
    else throw new Error('A JWT secret or JWKS URL is required');
  }

  async identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return PUBLIC_IDENTITY;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const now = Date.now();
    const remembered = this.verified.get(token);
    if (remembered && remembered.trustedUntil > now) return remembered.identity;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, { issuer: this.options.issuer, audience: this.options.audience, requiredClaims: ['exp'] }));
    } catch (error) {
      const { code, claim } = error as { code?: string; claim?: string };
      // A token that never expires would outlive any revocation: refused, and the caller told why.
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp') {
        throw new UnauthenticatedError('The token has no expiry (exp); CEE Hub accepts only tokens that expire');
      }
      throw new UnauthenticatedError(code === 'ERR_JWT_EXPIRED' ? 'The token has expired; get a new one' : 'The token is not valid for CEE Hub');
    }
    const identity = identityFromClaims(payload);
    // jwtVerify has made sure of exp (requiredClaims).
    const expiresAt = payload.exp! * 1000;
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { identity, trustedUntil: Math.min(expiresAt, now + VERIFIED_TOKEN_TTL_MS) });
    return identity;
  }
}
