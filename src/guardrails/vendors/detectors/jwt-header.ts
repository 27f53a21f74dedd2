/** True when the first dot-separated part of `token` is base64url JSON with an `alg` field, as in every JWT/JWS. */
export function hasJwtHeader(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof decoded === 'object' && decoded !== null && typeof (decoded as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
