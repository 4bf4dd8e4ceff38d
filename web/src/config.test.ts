import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, resolveAgainst } from './config';
import example from '../public/config.example.json';

const local = {
  apiBaseUrl: '',
  region: 'us-east-1',
  userPoolId: 'local_5AbCdEf',
  userPoolClientId: '3fj8zabcdefghijk',
  userPoolEndpoint: '/_cognito',
  authFlowType: 'USER_PASSWORD_AUTH',
};

describe('parseConfig', () => {
  it('accepts the example file', () => {
    const r = parseConfig(example);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.oauth?.providers).toEqual(['Google', 'Facebook']);
    expect(r.config.oauth?.redirectSignIn).toEqual(['https://d111111abcdef8.cloudfront.net/']);
    expect(r.config.oauth?.scopes).toEqual(['openid', 'email', 'profile']);
  });

  it('accepts the local stack config and fills defaults', () => {
    const r = parseConfig(local);
    expect(r).toEqual({
      ok: true,
      config: { ...local, emailVerification: 'code' },
    });
  });

  it('defaults to SRP and same-origin API', () => {
    const r = parseConfig({ region: 'eu-central-1', userPoolId: 'eu-central-1_AbC123', userPoolClientId: 'abc123' });
    expect(r.ok && r.config).toMatchObject({ apiBaseUrl: '', authFlowType: 'USER_SRP_AUTH', emailVerification: 'code' });
    expect(r.ok && r.config.oauth).toBeUndefined();
  });

  it('strips the trailing slash of the API URL', () => {
    const r = parseConfig({ ...local, apiBaseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/Prod/' });
    expect(r.ok && r.config.apiBaseUrl).toBe('https://abc.execute-api.us-east-1.amazonaws.com/Prod');
  });

  it('lists every problem, in words', () => {
    const r = parseConfig({ apiBaseUrl: 'ftp://x', region: 'Moon', authFlowType: 'MAGIC', oauth: { domain: '', providers: ['Myspace'] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"apiBaseUrl"'),
        expect.stringContaining('"region"'),
        expect.stringContaining('"userPoolId" is missing'),
        expect.stringContaining('"userPoolClientId" is missing'),
        expect.stringContaining('"authFlowType"'),
        expect.stringContaining('"oauth.domain"'),
        expect.stringContaining('"oauth.redirectSignIn"'),
        expect.stringContaining('"oauth.providers"'),
      ]),
    );
  });

  it('rejects what is not an object', () => {
    expect(parseConfig(null)).toEqual({ ok: false, problems: ['config.json must hold a JSON object'] });
    expect(parseConfig([1])).toMatchObject({ ok: false });
    expect(parseConfig('x')).toMatchObject({ ok: false });
  });

  it('drops oauth with no providers, so no social buttons show', () => {
    const r = parseConfig({ ...local, oauth: { domain: 'x.auth.us-east-1.amazoncognito.com', redirectSignIn: 'https://a/', redirectSignOut: 'https://a/', providers: [] } });
    expect(r.ok && r.config.oauth).toBeUndefined();
  });

  it('reads the chatbot: the local runtime, or the identity pool in the cloud', () => {
    const bot = { botId: 'LEXBOT0000', botAliasId: 'LIVE000000', localeId: 'en_US' };
    expect(parseConfig({ ...local, chatbot: { ...bot, endpoint: '/' } })).toMatchObject({ ok: true, config: { chatbot: { ...bot, endpoint: '/' } } });
    const cloud = { ...bot, botAliasId: 'TSTALIASID', identityPoolId: 'eu-central-1:1a2b3c4d-5e6f' };
    expect(parseConfig({ ...local, chatbot: cloud })).toMatchObject({ ok: true, config: { chatbot: cloud } });
    const none = parseConfig(local);
    expect(none.ok && 'chatbot' in none.config).toBe(false); // no panel
  });

  it('says what is wrong with the chatbot', () => {
    const r = parseConfig({ ...local, chatbot: { botId: 'short', botAliasId: 'LIVE000000', localeId: 'en_US' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([expect.stringContaining('"chatbot.botId"'), expect.stringContaining('identityPoolId (in the cloud) or endpoint')]),
    );
    expect(parseConfig({ ...local, chatbot: 'LEXBOT0000' })).toMatchObject({ ok: false });
  });

  it('resolves a path against the page origin', () => {
    expect(resolveAgainst('/_cognito', 'http://localhost:3000')).toBe('http://localhost:3000/_cognito');
    expect(resolveAgainst('http://localhost:9229/', 'http://localhost:3000')).toBe('http://localhost:9229/');
  });
});

describe('loadConfig', () => {
  const respond = (status: number, body: string) => async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

  it('loads and resolves the endpoint', async () => {
    const c = await loadConfig(respond(200, JSON.stringify(local)) as unknown as typeof fetch, 'http://localhost:3000');
    expect(c.userPoolEndpoint).toBe('http://localhost:3000/_cognito');
  });

  it('resolves the chatbot endpoint, without a trailing slash', async () => {
    const withBot = { ...local, chatbot: { botId: 'LEXBOT0000', botAliasId: 'LIVE000000', localeId: 'en_US', endpoint: '/' } };
    const c = await loadConfig(respond(200, JSON.stringify(withBot)) as unknown as typeof fetch, 'http://localhost:3000');
    expect(c.chatbot?.endpoint).toBe('http://localhost:3000');
  });

  it('says when the file is missing', async () => {
    await expect(loadConfig(respond(404, 'nope') as unknown as typeof fetch, 'http://x')).rejects.toThrow(/answered 404/);
  });

  it('says when the file is not JSON', async () => {
    await expect(loadConfig(respond(200, '<html>') as unknown as typeof fetch, 'http://x')).rejects.toThrow(ConfigError);
  });

  it('says when the server does not answer', async () => {
    const fail = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loadConfig(fail, 'http://x')).rejects.toThrow(/did not answer/);
  });

  it('takes the config written into the page, without a request', async () => {
    const never = (async () => {
      throw new Error('fetched /config.json although the page holds the config');
    }) as unknown as typeof fetch;
    const c = await loadConfig(never, 'http://localhost:3000', JSON.stringify(local));
    expect(c.userPoolId).toBe('local_5AbCdEf');
    expect(c.userPoolEndpoint).toBe('http://localhost:3000/_cognito');
  });

  it('fetches /config.json when the page holds none', async () => {
    let fetched = '';
    const fetchFn = (async (url: string) => {
      fetched = url;
      return new Response(JSON.stringify(local), { status: 200 });
    }) as unknown as typeof fetch;
    await loadConfig(fetchFn, 'http://x', '');
    expect(fetched).toBe('/config.json');
  });

  it('says when the config in the page is not JSON, or not whole', async () => {
    await expect(loadConfig(respond(200, JSON.stringify(local)) as unknown as typeof fetch, 'http://x', '{"region":')).rejects.toThrow(
      /written into the page are not valid JSON/,
    );
    const err = await loadConfig(respond(200, JSON.stringify(local)) as unknown as typeof fetch, 'http://x', '{"region":"us-east-1"}').catch(
      (e: unknown) => e,
    );
    expect((err as ConfigError).problems.length).toBeGreaterThanOrEqual(2);
  });

  it('carries the problems of a wrong file', async () => {
    const err = await loadConfig(respond(200, '{"region":"us-east-1"}') as unknown as typeof fetch, 'http://x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.length).toBeGreaterThanOrEqual(2);
  });
});
