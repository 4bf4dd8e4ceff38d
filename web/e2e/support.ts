// Shared by the browser tests: where the stack is, how to start Chromium, how
// to sign in, read cognito-local's last code, call the API directly (as
// "another user"), and take the screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../scripts/chromium-flags.mjs';

export const BASE = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../../screenshots', import.meta.url)));
export const DEMO = { email: process.env.E2E_DEMO_EMAIL ?? 'alice@example.com', password: process.env.E2E_DEMO_PASSWORD ?? 'Passw0rd!demo' };
export const NEW_PASSWORD = 'E2e-Passw0rd!';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Chromium as the machine has it (Debian's package), never a downloaded one. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives every launch a fresh, empty profile (user data dir).
    args: CHROMIUM_FLAGS,
  });
}

let cspViolations: string[] = [];

/** The Content-Security-Policy violations that pages reported since the last call. */
export function takeCspViolations(): string[] {
  const v = cspViolations;
  cspViolations = [];
  return v;
}

export async function newContext(browser: Browser, viewport: ViewportName = 'desktop'): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: BASE,
    viewport: VIEWPORTS[viewport],
    locale: 'en-US',
    ...(viewport === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  ctx.setDefaultTimeout(15_000);
  // Chromium reports what the policy refused as a console error.
  ctx.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) {
      cspViolations.push(`${msg.location().url}: ${msg.text()}`);
    }
  });
  return ctx;
}

/**
 * Serves page the site's config changed by edit, wherever the app reads it:
 * in the page (index.html's app-config element, which the stack fills) and
 * at /config.json. edit gets the stack's config; null from it takes the config
 * away (an empty element, and a 404 for /config.json).
 */
export async function withPageConfig(page: Page, edit: (config: Record<string, unknown>) => Record<string, unknown> | null): Promise<void> {
  const element = /(<script id="app-config" type="application\/json">)([\s\S]*?)(<\/script>)/;
  await page.route('**/*', async (route) => {
    const req = route.request();
    const isConfig = new URL(req.url()).pathname === '/config.json';
    if (req.resourceType() !== 'document' && !isConfig) return route.fallback();
    const res = await route.fetch();
    if (isConfig) {
      const edited = edit((await res.json()) as Record<string, unknown>);
      return edited ? route.fulfill({ response: res, json: edited }) : route.fulfill({ status: 404, body: 'not found' });
    }
    const html = await res.text();
    const m = element.exec(html);
    if (!m) throw new Error(`${req.url()}: no app-config element in the page`);
    const edited = edit(JSON.parse(m[2]!) as Record<string, unknown>);
    await route.fulfill({ response: res, body: html.replace(element, `$1${edited ? JSON.stringify(edited).replace(/</g, '\\u003c') : ''}$3`) });
  });
}

/** A full-page PNG in SCREENSHOT_DIR: "<name>-<viewport>.png". */
export async function shot(page: Page, name: string, viewport: ViewportName): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${viewport}.png`);
  // Scroll through once so lazily loaded photos are in the full-page picture.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
    const images = Array.from(document.images, (img) =>
      img.complete
        ? null
        : new Promise((r) => {
            img.addEventListener('load', r, { once: true });
            img.addEventListener('error', r, { once: true });
          }),
    );
    await Promise.race([Promise.all(images), new Promise((r) => setTimeout(r, 3000))]);
    await document.fonts?.ready;
  });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** A fresh address per run, so tests can run again against the same stack. */
export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

export async function signInUi(page: Page, email = DEMO.email, password = DEMO.password): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The last confirmation code cognito-local "sent" to this address (the local stack's /_local/last-code). */
export async function lastCode(email: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const res = await fetch(`${BASE}/_local/last-code?email=${encodeURIComponent(email)}`);
    if (res.ok) {
      const body = (await res.json()) as { code?: string };
      if (body.code) return body.code;
    }
    last = `${res.status}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no confirmation code for ${email} at ${BASE}/_local/last-code (last answer ${last})`);
}

// ---- Direct calls, as another user would make them ----

interface SiteConfig {
  apiBaseUrl: string;
  userPoolClientId: string;
  userPoolEndpoint?: string;
}

let config: SiteConfig | null = null;
export async function siteConfig(): Promise<SiteConfig> {
  if (!config) {
    const res = await fetch(`${BASE}/config.json`);
    if (!res.ok) throw new Error(`${BASE}/config.json answered ${res.status}`);
    config = (await res.json()) as SiteConfig;
  }
  return config;
}

function abs(urlOrPath: string): string {
  return urlOrPath.startsWith('/') ? BASE + urlOrPath : urlOrPath;
}

async function cognito<T>(target: string, body: unknown): Promise<T> {
  const c = await siteConfig();
  if (!c.userPoolEndpoint) throw new Error('config.json has no userPoolEndpoint: these tests need cognito-local');
  const res = await fetch(abs(c.userPoolEndpoint), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`cognito ${target}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Signs in through the user-pool API (USER_PASSWORD_AUTH) and returns the ID token. */
export async function idTokenFor(email: string, password: string): Promise<string> {
  const c = await siteConfig();
  const r = await cognito<{ AuthenticationResult?: { IdToken: string } }>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: c.userPoolClientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  if (!r.AuthenticationResult) throw new Error(`no tokens for ${email}`);
  return r.AuthenticationResult.IdToken;
}

/** A new, confirmed user, made through the user-pool API and the local code. */
export async function createUser(email: string, password = NEW_PASSWORD): Promise<string> {
  const c = await siteConfig();
  await cognito('SignUp', { ClientId: c.userPoolClientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
  await cognito('ConfirmSignUp', { ClientId: c.userPoolClientId, Username: email, ConfirmationCode: await lastCode(email) });
  return idTokenFor(email, password);
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the REST API as the holder of `token`. */
export async function callApi<T = unknown>(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer<T>> {
  const c = await siteConfig();
  const apiBase = c.apiBaseUrl ? abs(c.apiBaseUrl.replace(/\/+$/, '')) : BASE;
  const res = await fetch(apiBase + path, {
    method,
    headers: {
      ...(opts.token ? { Authorization: opts.token } : {}),
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export interface Location {
  id: string;
  name: string;
  timeZone: string;
}

export interface CarLite {
  id: string;
  make: string;
  model: string;
  locationId: string;
}

export async function firstLocation(): Promise<Location> {
  const r = await callApi<{ locations: Location[] }>('GET', '/locations');
  const loc = r.body.locations[0];
  if (!loc) throw new Error('the stack has no locations');
  return loc;
}

export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * A rental period far enough ahead, at a random offset, so that runs against
 * the same stack (whose bookings persist) seldom meet each other's bookings.
 */
export function randomPeriod(timeZone: string, length = 3): { pickupDate: string; returnDate: string } {
  const offset = 40 + Math.floor(Math.random() * 280);
  const pickupDate = addDays(todayIn(timeZone), offset);
  return { pickupDate, returnDate: addDays(pickupDate, length) };
}

/** The first car free for the period at the location (following nextCursor). */
export async function freeCar(locationId: string, period: { pickupDate: string; returnDate: string }): Promise<CarLite> {
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const q = new URLSearchParams({ locationId, ...period, limit: '50', ...(cursor ? { cursor } : {}) });
    const r = await callApi<{ cars: CarLite[]; nextCursor?: string }>('GET', `/cars?${q}`);
    if (r.status !== 200) throw new Error(`GET /cars: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.body.cars[0]) return r.body.cars[0];
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  throw new Error(`no free car at ${locationId} for ${period.pickupDate}..${period.returnDate}`);
}
