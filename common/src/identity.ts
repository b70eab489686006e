import { jwtVerify, SignJWT } from 'jose';
import { ForbiddenError, UnauthenticatedError } from './errors';

export const STAFF_ROLES = ['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLES = ['PUBLIC', 'IMPORTER', ...STAFF_ROLES, 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as verified by the gateway. Staff carry a Center, importers an importer. */
export interface Identity {
  role: Role;
  /** Stable id of the person (staff member id, importer id); absent for the public. */
  subject?: string;
  email?: string;
  name?: string;
  centerId?: string;
  importerId?: string;
}

export const PUBLIC_IDENTITY: Identity = Object.freeze({ role: 'PUBLIC' });

/** The header in which the gateway passes its signed identity to subgraphs. */
export const INTERNAL_IDENTITY_HEADER = 'x-cee-identity';
/** The header in which the gateway passes the origin its client reached it at, for the URLs a subgraph hands out. */
export const PUBLIC_ORIGIN_HEADER = 'x-cee-public-origin';
/** The audience and issuer of the gateway's identity tokens. */
export const INTERNAL_AUDIENCE = 'cee-hub-subgraphs';
export const INTERNAL_ISSUER = 'cee-hub-gateway';

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** CBP users: Center staff and HQ admins. */
export function isCbp(identity: Identity): boolean {
  return identity.role === 'ADMIN' || isStaffRole(identity.role);
}

export function requireCbp(identity: Identity, what: string): void {
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError(`Sign in as CBP staff to see ${what}`);
  if (!isCbp(identity)) throw new ForbiddenError(`Only CBP staff may see ${what}`);
}

export function requireAdmin(identity: Identity, what: string): void {
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError(`Sign in as a CBP admin to ${what}`);
  if (identity.role !== 'ADMIN') throw new ForbiddenError(`Only CBP admins may ${what}`);
}

export function requireSignedIn(identity: Identity, what: string): void {
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError(`Sign in to ${what}`);
}

/**
 * Whether the caller may see data of an importer (and its filings): admins always, the
 * importer itself, and staff of a Center the data belongs to.
 */
export function canSeeImporterData(identity: Identity, importerId: string, centerIds: ReadonlyArray<string | null | undefined>): boolean {
  if (identity.role === 'ADMIN') return true;
  if (identity.role === 'IMPORTER') return identity.importerId === importerId;
  if (isStaffRole(identity.role)) return identity.centerId !== undefined && centerIds.includes(identity.centerId);
  return false;
}

function identityClaims(identity: Identity): Record<string, string> {
  const claims: Record<string, string> = { role: identity.role };
  for (const key of ['email', 'name', 'centerId', 'importerId'] as const) {
    const value = identity[key];
    if (value !== undefined) claims[key] = value;
  }
  return claims;
}

/** Reads an identity out of verified claims, refusing a role bound to nothing. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new UnauthenticatedError('The token names no known role');
  }
  const text = (key: string): string | undefined => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
  const identity: Identity = {
    role: role as Role,
    subject: text('sub'),
    email: text('email'),
    name: text('name'),
    centerId: text('centerId'),
    importerId: text('importerId'),
  };
  if (identity.role === 'IMPORTER' && !identity.importerId) throw new UnauthenticatedError('An IMPORTER token must name its importerId');
  if (isStaffRole(identity.role) && !identity.centerId) throw new UnauthenticatedError(`A ${identity.role} token must name its centerId`);
  return identity;
}

/**
 * Signs the short-lived identity tokens the gateway forwards to subgraphs. A token is
 * reused for a while within its lifetime, so a busy gateway signs once per caller, not per
 * subgraph request.
 */
export class InternalTokenSigner {
  private readonly key: Uint8Array;
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(secret: string, private readonly lifetimeSeconds = 60) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(identity: Identity): Promise<string> {
    const cacheKey = JSON.stringify([identity.subject, identityClaims(identity)]);
    const now = Date.now();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.renewAt > now) return cached.token;
    let jwt = new SignJWT(identityClaims(identity))
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(INTERNAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.lifetimeSeconds}s`);
    if (identity.subject) jwt = jwt.setSubject(identity.subject);
    const token = await jwt.sign(this.key);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, { token, renewAt: now + (this.lifetimeSeconds * 1000) / 2 });
    return token;
  }
}

/** Verifies the gateway's identity token in a subgraph. */
export class InternalTokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string | undefined): Promise<Identity> {
    if (!token) throw new UnauthenticatedError('This service answers only requests forwarded by the CEE Hub gateway');
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] });
      return identityFromClaims(payload);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError('The gateway identity token is invalid or expired');
    }
  }
}

export const JWT_ISSUER = 'cee-hub';
export const JWT_AUDIENCE = 'cee-hub';

/**
 * Issues a user token signed with a shared secret, as the gateway verifies by default. For
 * local use (`npm run token`) and tests; production tokens come from the identity provider.
 */
export async function issueUserToken(identity: Identity, secret: string, lifetime = '12h'): Promise<string> {
  let token = new SignJWT(identityClaims(identity))
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime);
  if (identity.subject) token = token.setSubject(identity.subject);
  return token.sign(new TextEncoder().encode(secret));
}
