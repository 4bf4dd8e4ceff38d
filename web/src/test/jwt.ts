/** An unsigned JWT with these claims (base64url JSON, UTF-8), as Cognito's are shaped. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  return `${b64('{"alg":"RS256","kid":"test"}')}.${b64(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}
