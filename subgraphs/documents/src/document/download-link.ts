import { createHmac } from 'node:crypto';
import { type Identity, identityFromClaims } from '@cee-hub/common';
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'cee-hub-document-download';

/**
 * Signed, short-lived download links. A link names the document and the viewer it was made
 * for; whoever uses it is checked again as that viewer, so a link outlives neither its
 * minutes nor the viewer's right to the document. Its key is derived from the internal
 * secret, so a link is never an identity token and an identity token never a link.
 */
export class DownloadLinks {
  private readonly key: Uint8Array;

  constructor(
    internalSecret: string,
    private readonly ttlMs: number,
  ) {
    this.key = createHmac('sha256', internalSecret).update('cee-hub document download links').digest();
  }

  async sign(documentId: string, viewer: Identity, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now + this.ttlMs);
    const claims: Record<string, string> = { doc: documentId, role: viewer.role };
    for (const key of ['email', 'centerId', 'importerId'] as const) {
      if (viewer[key] !== undefined) claims[key] = viewer[key];
    }
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setAudience(AUDIENCE).setIssuedAt(Math.floor(now / 1000)).setExpirationTime(Math.floor(expiresAt.getTime() / 1000));
    if (viewer.subject) jwt = jwt.setSubject(viewer.subject);
    return { token: await jwt.sign(this.key), expiresAt };
  }

  /** The document and viewer of a valid link; undefined for a forged, altered or expired one. */
  async verify(token: string): Promise<{ documentId: string; viewer: Identity } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'doc'] });
      return { documentId: String(payload.doc), viewer: identityFromClaims(payload) };
    } catch {
      return undefined;
    }
  }
}
