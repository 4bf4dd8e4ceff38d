import { describe, expect, it } from 'vitest';
import { fakeJwt } from '../test/jwt';
import { isStaff, jwtClaims, storedSession, userFromClaims } from './session';

/** A Storage over a Map, as localStorage behaves. */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  constructor(entries: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(entries)) this.m.set(k, v);
  }
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

const client = '3fj8zabcdefghijk';
const key = (k: string) => `CognitoIdentityServiceProvider.${client}.${k}`;

describe('storedSession', () => {
  it('is none when storage holds nothing of this client', () => {
    expect(storedSession(client, '', new MemoryStorage())).toEqual({ kind: 'none' });
    const other = new MemoryStorage({ 'CognitoIdentityServiceProvider.otherclient.LastAuthUser': 'u1', theme: 'dark' });
    expect(storedSession(client, '?locationId=ber', other)).toEqual({ kind: 'none' });
    expect(storedSession(client, '', null)).toEqual({ kind: 'none' });
  });

  it('is the user of the stored ID token, as Amplify keeps it', () => {
    const s = new MemoryStorage({
      [key('LastAuthUser')]: 'a1b2-sub',
      [key('a1b2-sub.idToken')]: fakeJwt({ sub: 'a1b2-sub', email: 'zoë@example.com', exp: 1 }),
      [key('a1b2-sub.refreshToken')]: 'opaque',
    });
    expect(storedSession(client, '', s)).toEqual({ kind: 'user', user: { email: 'zoë@example.com', sub: 'a1b2-sub' } });
  });

  it('is pending while the hosted sign-in comes back, or when the keys hold no readable token', () => {
    expect(storedSession(client, '?code=abc&state=xyz', new MemoryStorage())).toEqual({ kind: 'pending' });
    expect(storedSession(client, '', new MemoryStorage({ [key('inflightOAuth')]: 'true', [key('oauthPKCE')]: 'v' }))).toEqual({ kind: 'pending' });
    const broken = new MemoryStorage({ [key('LastAuthUser')]: 'u', [key('u.idToken')]: 'not-a-jwt' });
    expect(storedSession(client, '', broken)).toEqual({ kind: 'pending' });
  });

  it('reads a JWT payload and nothing else', () => {
    expect(jwtClaims(fakeJwt({ sub: 's', 'cognito:username': 'ann' }))).toEqual({ sub: 's', 'cognito:username': 'ann' });
    expect(jwtClaims('abc')).toBeNull();
    expect(jwtClaims('a.!!!.c')).toBeNull();
    expect(jwtClaims(`a.${Buffer.from('"text"').toString('base64url')}.c`)).toBeNull();
  });

  it('reads the staff group from the stored ID token, for showing the staff pages', () => {
    const s = new MemoryStorage({
      [key('LastAuthUser')]: 'st-sub',
      [key('st-sub.idToken')]: fakeJwt({ sub: 'st-sub', email: 'staff@example.com', 'cognito:groups': ['admins'] }),
    });
    const stored = storedSession(client, '', s);
    expect(stored).toEqual({ kind: 'user', user: { email: 'staff@example.com', sub: 'st-sub', groups: ['admins'] } });
    expect(stored.kind === 'user' && isStaff(stored.user)).toBe(true);
  });
});

describe('isStaff', () => {
  it('is true only for a member of admins', () => {
    expect(isStaff(userFromClaims({ sub: 'a', email: 'alice@example.com' }))).toBe(false);
    expect(isStaff(userFromClaims({ sub: 'a', 'cognito:groups': ['drivers'] }))).toBe(false);
    expect(isStaff(userFromClaims({ sub: 'a', 'cognito:groups': ['drivers', 'admins'] }))).toBe(true);
    expect(isStaff(userFromClaims({ sub: 'a', 'cognito:groups': '[admins staff]' }))).toBe(true);
    expect(isStaff(userFromClaims({ sub: 'a', 'cognito:groups': 'administrators' }))).toBe(false);
    expect(isStaff(null)).toBe(false);
  });
});
