// What the browser holds of a sign-in, read without loading Amplify, so that
// a visitor who never signed in gets no sign-in library at all, and a signed-in
// one sees the header as it will stay from the first frame.
//
// Amplify v6 keeps a Cognito user pool session in localStorage under
// "CognitoIdentityServiceProvider.<app client id>.<key>": LastAuthUser (the
// user's name), then "<user>.idToken", "<user>.accessToken",
// "<user>.refreshToken", ..., and while the hosted sign-in is under way
// "inflightOAuth", "oauthPKCE" and the like (@aws-amplify/auth's TokenStore and
// signInWithRedirectStore). Only Amplify writes or trusts them: this module
// reads the ID token's claims for display and never sends it anywhere.

const PREFIX = 'CognitoIdentityServiceProvider';

export interface SessionUser {
  email: string;
  sub: string;
  /** The Cognito groups the ID token names (cognito:groups), when it names any. */
  groups?: readonly string[];
}

/** The Cognito group of the staff (template.yaml); the API checks it on every admin route. */
export const STAFF_GROUP = 'admins';

/**
 * none: nothing of a sign-in; user: a stored session of this user (Amplify
 * will refresh or drop it); pending: something Amplify must look at first
 * (the hosted sign-in coming back, or keys without a readable ID token).
 */
export type StoredSession = { kind: 'none' } | { kind: 'user'; user: SessionUser } | { kind: 'pending' };

/** The claims of a JWT's payload (base64url JSON), or null when it is not one. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The user an ID token names (email, else the Cognito user name). */
export function userFromClaims(claims: Record<string, unknown>): SessionUser {
  const user: SessionUser = { email: String(claims.email ?? claims['cognito:username'] ?? ''), sub: String(claims.sub ?? '') };
  const groups = groupsOf(claims['cognito:groups']);
  return groups.length > 0 ? { ...user, groups } : user;
}

/**
 * The groups of a cognito:groups claim: an array in Cognito's ID tokens; a
 * string is taken too (one name, or API Gateway's "[admins staff]").
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string' && g !== '');
  if (typeof claim === 'string') return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * Whether the user's ID token says staff: for showing the staff pages only.
 * The token is read, not verified, here; every admin route checks it again
 * (403 forbidden to anyone else).
 */
export function isStaff(user: SessionUser | null | undefined): boolean {
  return !!user?.groups?.includes(STAFF_GROUP);
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked: Amplify keeps nothing across pages either
  }
}

/**
 * What storage holds of a sign-in with app client clientId, and whether the
 * page's query (search, as location.search) is the hosted sign-in coming back
 * with a code.
 */
export function storedSession(clientId: string, search = typeof location === 'undefined' ? '' : location.search, storage = defaultStorage()): StoredSession {
  const query = new URLSearchParams(search);
  if (query.has('code') && query.has('state')) return { kind: 'pending' };
  if (!storage) return { kind: 'none' };
  const base = `${PREFIX}.${clientId}.`;
  let any = false;
  try {
    for (let i = 0; i < storage.length; i++) {
      if (storage.key(i)?.startsWith(base)) {
        any = true;
        break;
      }
    }
    if (!any) return { kind: 'none' };
    const name = storage.getItem(`${base}LastAuthUser`);
    const token = name ? storage.getItem(`${base}${name}.idToken`) : null;
    const claims = token ? jwtClaims(token) : null;
    return claims ? { kind: 'user', user: userFromClaims(claims) } : { kind: 'pending' };
  } catch {
    return { kind: any ? 'pending' : 'none' };
  }
}
