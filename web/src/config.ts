// Runtime configuration, so that one build runs everywhere. Whoever serves
// index.html writes it into the page's <script id="app-config"
// type="application/json"> (the local stack on every request, `make
// deploy-web` at deployment: dev/webhost), so the app has it without a round
// trip before its first render; an empty element (Vite's dev server, an
// older host) makes the app fetch /config.json instead, which both hosts
// still serve. public/config.example.json shows the shape.

export type AuthFlowType = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';
export type OAuthProvider = 'Google' | 'Facebook';

export interface AppConfig {
  /** Base URL of the REST API, no trailing slash; "" means the site's own origin. */
  apiBaseUrl: string;
  /** AWS region of the user pool, e.g. "us-east-1". */
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /**
   * Cognito user-pool API endpoint, only when it is not AWS's (cognito-local).
   * Absolute, or a path on the site's origin ("/_cognito"); resolved to an
   * absolute URL by loadConfig.
   */
  userPoolEndpoint?: string;
  /** USER_PASSWORD_AUTH locally (cognito-local has no SRP), USER_SRP_AUTH in the cloud. */
  authFlowType: AuthFlowType;
  /** How sign-up confirms the email: a code typed into the site, or a link in the email. */
  emailVerification: 'code' | 'link';
  /** Cognito hosted sign-in for social providers; absent: no "Continue with …" buttons. */
  oauth?: OAuthConfig;
  /** The chatbot of the chat panel; absent: no chat panel. */
  chatbot?: ChatbotConfig;
}

/**
 * The Lex V2 bot that the chat panel sends RecognizeText to. In the cloud,
 * identityPoolId names the Cognito identity pool whose credentials may call
 * the live alias; locally, endpoint is the local runtime (on the site's
 * origin, "/"), which takes any credentials.
 */
export interface ChatbotConfig {
  botId: string;
  botAliasId: string;
  localeId: string;
  /** Absolute, or a path on the site's origin; resolved to an absolute URL by loadConfig. */
  endpoint?: string;
  identityPoolId?: string;
}

export interface OAuthConfig {
  /** Hosted sign-in domain, without scheme: "myapp.auth.us-east-1.amazoncognito.com". */
  domain: string;
  redirectSignIn: string[];
  redirectSignOut: string[];
  providers: OAuthProvider[];
  scopes: string[];
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const PROVIDERS: readonly OAuthProvider[] = ['Google', 'Facebook'];
const FLOWS: readonly AuthFlowType[] = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAbsoluteHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL or a path that starts with "/". */
function isUrlOrPath(s: string): boolean {
  return (s.startsWith('/') && !s.startsWith('//')) || isAbsoluteHttpUrl(s);
}

function stringList(v: unknown): string[] | null {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}

/**
 * Checks the parsed config.json and fills in defaults. Every problem is
 * listed (not only the first), worded for the person who deploys the site.
 */
export function parseConfig(raw: unknown): ConfigResult {
  if (!isRecord(raw)) return { ok: false, problems: ['config.json must hold a JSON object'] };
  const problems: string[] = [];

  const str = (key: string, check: (s: string) => boolean, what: string, optional = false): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) {
      if (!optional) problems.push(`"${key}" is missing: ${what}`);
      return undefined;
    }
    if (typeof v !== 'string' || !check(v)) {
      problems.push(`"${key}" must be ${what}`);
      return undefined;
    }
    return v;
  };

  let apiBaseUrl = str('apiBaseUrl', (s) => s === '' || isUrlOrPath(s), 'a URL, a path, or "" for the same origin', true) ?? '';
  apiBaseUrl = apiBaseUrl.replace(/\/+$/, '');
  const region = str('region', (s) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(s), 'an AWS region such as "us-east-1"');
  const userPoolId = str('userPoolId', (s) => /^[\w-]+_[0-9A-Za-z]+$/.test(s), 'a user pool id such as "us-east-1_AbCdEf123"');
  const userPoolClientId = str('userPoolClientId', (s) => /^[\w+]+$/.test(s), 'the app client id of the user pool');
  const userPoolEndpoint = str('userPoolEndpoint', isUrlOrPath, 'a URL or a path such as "/_cognito"', true);
  const authFlowType = (str('authFlowType', (s) => (FLOWS as readonly string[]).includes(s), `one of ${FLOWS.join(', ')}`, true) ??
    'USER_SRP_AUTH') as AuthFlowType;
  const emailVerification = (str('emailVerification', (s) => s === 'code' || s === 'link', '"code" or "link"', true) ?? 'code') as
    | 'code'
    | 'link';

  let oauth: OAuthConfig | undefined;
  if (raw.oauth !== undefined && raw.oauth !== null) {
    const o = raw.oauth;
    if (!isRecord(o)) {
      problems.push('"oauth" must be an object with domain, redirectSignIn, redirectSignOut and providers');
    } else {
      const domain = typeof o.domain === 'string' ? o.domain.replace(/^https?:\/\//, '').replace(/\/+$/, '') : '';
      if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) problems.push('"oauth.domain" must be the hosted sign-in domain, e.g. "myapp.auth.us-east-1.amazoncognito.com"');
      const signIn = stringList(o.redirectSignIn);
      if (!signIn || signIn.length === 0 || !signIn.every(isAbsoluteHttpUrl)) problems.push('"oauth.redirectSignIn" must be a URL or a list of URLs');
      const signOut = stringList(o.redirectSignOut);
      if (!signOut || signOut.length === 0 || !signOut.every(isAbsoluteHttpUrl)) problems.push('"oauth.redirectSignOut" must be a URL or a list of URLs');
      const providers = Array.isArray(o.providers) ? o.providers : null;
      if (!providers || !providers.every((p) => (PROVIDERS as readonly unknown[]).includes(p))) {
        problems.push(`"oauth.providers" must be a list of ${PROVIDERS.join(', ')}`);
      }
      const scopes = o.scopes === undefined ? ['openid', 'email', 'profile'] : stringList(o.scopes);
      if (!scopes) problems.push('"oauth.scopes" must be a list of strings');
      if (signIn && signOut && providers && scopes) {
        oauth = { domain, redirectSignIn: signIn, redirectSignOut: signOut, providers: providers as OAuthProvider[], scopes };
      }
    }
  }

  const chatbot = raw.chatbot === undefined || raw.chatbot === null ? undefined : parseChatbot(raw.chatbot, problems);

  if (problems.length > 0 || !region || !userPoolId || !userPoolClientId) return { ok: false, problems };
  const config: AppConfig = { apiBaseUrl, region, userPoolId, userPoolClientId, authFlowType, emailVerification };
  if (userPoolEndpoint) config.userPoolEndpoint = userPoolEndpoint;
  if (oauth && oauth.providers.length > 0) config.oauth = oauth;
  if (chatbot) config.chatbot = chatbot;
  return { ok: true, config };
}

/** Checks config.json's chatbot: the runtime API's id patterns, and where credentials come from. */
function parseChatbot(c: unknown, problems: string[]): ChatbotConfig | undefined {
  if (!isRecord(c)) {
    problems.push('"chatbot" must be an object with botId, botAliasId, localeId and identityPoolId or endpoint');
    return undefined;
  }
  const before = problems.length;
  const field = (key: string, ok: (s: string) => boolean, what: string): string | undefined => {
    const v = c[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !ok(v)) problems.push(`"chatbot.${key}" must be ${what}`);
    return typeof v === 'string' ? v : undefined;
  };
  const botId = field('botId', (s) => /^[0-9a-zA-Z]{10}$/.test(s), 'a Lex V2 bot id (10 letters and digits)');
  const botAliasId = field('botAliasId', (s) => /^(TSTALIASID|[0-9a-zA-Z]{10})$/.test(s), 'a bot alias id (10 letters and digits)');
  const localeId = field('localeId', (s) => s.length > 0, 'a locale such as "en_US"');
  const endpoint = field('endpoint', isUrlOrPath, 'a URL or a path such as "/"');
  const identityPoolId = field('identityPoolId', (s) => /^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]+$/.test(s), 'an identity pool id such as "eu-central-1:1a2b…"');
  if (!botId || !botAliasId || !localeId) problems.push('"chatbot" needs botId, botAliasId and localeId');
  if (!endpoint && !identityPoolId) problems.push('"chatbot" needs identityPoolId (in the cloud) or endpoint (the local runtime)');
  if (problems.length > before || !botId || !botAliasId || !localeId) return undefined;
  return { botId, botAliasId, localeId, ...(endpoint ? { endpoint } : {}), ...(identityPoolId ? { identityPoolId } : {}) };
}

/** Makes a path-only URL ("/_cognito") absolute against the page's origin. */
export function resolveAgainst(urlOrPath: string, origin: string): string {
  return urlOrPath.startsWith('/') ? origin.replace(/\/+$/, '') + urlOrPath : urlOrPath;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The id of index.html's element that holds the config (dev/webhost's ConfigElementID). */
export const CONFIG_ELEMENT_ID = 'app-config';

/** The text of the page's config element, trimmed; "" when it is empty or missing, or there is no page. */
export function inlineConfigText(doc: Document | undefined = typeof document === 'undefined' ? undefined : document): string {
  return doc?.getElementById(CONFIG_ELEMENT_ID)?.textContent?.trim() ?? '';
}

/**
 * The config: the one written into the page (inline, the text of its config
 * element) when there is one, else /config.json fetched. Parsed and checked;
 * throws ConfigError, worded for a person.
 */
export async function loadConfig(fetchFn: typeof fetch = fetch, origin = window.location.origin, inline = inlineConfigText()): Promise<AppConfig> {
  let raw: unknown;
  if (inline) {
    try {
      raw = JSON.parse(inline);
    } catch {
      throw new ConfigError('The site settings written into the page are not valid JSON.', ['index.html\'s app-config element must hold a JSON object']);
    }
  } else {
    raw = await fetchConfig(fetchFn);
  }
  const result = parseConfig(raw);
  if (!result.ok) throw new ConfigError('The site settings in /config.json are incomplete or wrong.', result.problems);
  const config = result.config;
  if (config.userPoolEndpoint) config.userPoolEndpoint = resolveAgainst(config.userPoolEndpoint, origin);
  if (config.chatbot?.endpoint) config.chatbot.endpoint = resolveAgainst(config.chatbot.endpoint, origin).replace(/\/+$/, '');
  return config;
}

/** /config.json, parsed but not checked. */
async function fetchConfig(fetchFn: typeof fetch): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch {
    throw new ConfigError('The site could not load its settings (/config.json): the server did not answer.');
  }
  if (!res.ok) {
    throw new ConfigError(`The site could not load its settings: /config.json answered ${res.status}.`, [
      res.status === 404 ? 'config.json is missing next to index.html' : `HTTP ${res.status}`,
    ]);
  }
  try {
    return await res.json();
  } catch {
    throw new ConfigError('The site settings in /config.json are not valid JSON.', ['config.json must hold a JSON object']);
  }
}
