// The config.json that `make deploy-web` writes (cmd/deployweb; its dry run
// on a fake describe-stacks answer produces these files, and its Go test
// fails when they differ from what it writes) passes the app's own check.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const testdata = new URL('../../dev/deployweb/testdata/', import.meta.url);

async function deployed(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, testdata), 'utf8')) as unknown;
}

describe('config.json from make deploy-web', () => {
  it('is valid with Google and Facebook sign-in', async () => {
    const r = parseConfig(await deployed('config.json'));
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      apiBaseUrl: '/api',
      region: 'eu-central-1',
      authFlowType: 'USER_SRP_AUTH',
      emailVerification: 'link',
    });
    expect(r.config.userPoolEndpoint).toBeUndefined(); // AWS's own Cognito
    expect(r.config.oauth).toEqual({
      domain: 'car-rental-dev-111122223333.auth.eu-central-1.amazoncognito.com',
      redirectSignIn: ['https://d111111abcdef8.cloudfront.net/'],
      redirectSignOut: ['https://d111111abcdef8.cloudfront.net/'],
      providers: ['Google', 'Facebook'],
      scopes: ['openid', 'email', 'profile'],
    });
    // The chat panel calls Lex on the live alias with the identity pool's credentials.
    expect(r.config.chatbot).toEqual({
      botId: 'ABCDEFGHIJ',
      botAliasId: 'KLMNOPQRST',
      localeId: 'en_US',
      identityPoolId: 'eu-central-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    });
  });

  it('is valid without social sign-in, and shows no "Continue with" buttons', async () => {
    const r = parseConfig(await deployed('config-no-social.json'));
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.config.oauth).toBeUndefined();
  });
});
