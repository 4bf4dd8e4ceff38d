// make lighthouse (scripts/lighthouse.sh starts the stack): Lighthouse on the
// home page, a search's results, a car page and the sign-in page, as a phone
// (Lighthouse's default: Moto G Power size, 4x slower CPU, slow 4G simulated)
// and as a desktop (its desktop preset), against a running local stack. Each
// pair is run RUNS times (5) and the run with the median performance score is
// kept, as Lighthouse's docs advise for noisy machines
// (https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md).
// Prints a Markdown table (the four category scores, FCP, LCP, TBT, CLS) and
// exits 1 when a phone's performance is under 95, a CLS is 0.05 or more, or
// accessibility, best practices or SEO are under 100 anywhere.
//
//   node scripts/lighthouse.mjs --base http://localhost:3000 [--runs 5]
//        [--pages home,car] [--lighthouse ../.cache/lighthouse]
//        [--chromium /usr/bin/chromium] [--reports ../.cache/lighthouse/reports]
//
// Lighthouse comes from --lighthouse (make installs the pinned version
// there), the browser is Debian's Chromium; it is started once, headless,
// with a fresh profile and the flags that keep it off the network besides the
// stack (this machine refuses most other connections).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @param {string} name @param {string} fallback @returns {string} */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 && process.argv[i + 1]) || fallback;
}

const base = arg('base', process.env.LIGHTHOUSE_BASE_URL ?? '').replace(/\/+$/, '');
const runs = Number(arg('runs', process.env.LIGHTHOUSE_RUNS ?? '5'));
const lighthouseDir = path.resolve(arg('lighthouse', path.join(here, '../../.cache/lighthouse')));
const chromiumPath = arg('chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const reportsDir = path.resolve(arg('reports', path.join(lighthouseDir, 'reports')));
const only = arg('pages', process.env.LIGHTHOUSE_PAGES ?? '').split(',').filter(Boolean);
if (!base || !(runs >= 1)) {
  console.error('usage: node scripts/lighthouse.mjs --base URL [--runs N] [--lighthouse DIR] [--chromium PATH] [--reports DIR]');
  process.exit(2);
}

// What fails the run.
const MIN_MOBILE_PERFORMANCE = 95;
const MAX_CLS = 0.05;
const FULL_MARKS = ['accessibility', 'best-practices', 'seo'];


/** YYYY-MM-DD, n days from today (UTC). @param {number} n */
function day(n) {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

const period = `pickupDate=${day(30)}&returnDate=${day(33)}`;
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search results', path: `/?location=ber&${period}` },
  { name: 'car', path: `/car/ber-002?${period}` },
  { name: 'sign-in', path: '/sign-in' },
].filter((p) => only.length === 0 || only.includes(p.name.split(' ')[0] ?? ''));
if (PAGES.length === 0) {
  console.error(`lighthouse: --pages ${only.join(',')} names none of home, search, car, sign-in`);
  process.exit(2);
}
const FORM_FACTORS = ['mobile', 'desktop'];

/** @param {string} file */
const load = (file) => import(pathToFileURL(path.join(lighthouseDir, 'node_modules', file)).href);
const { default: lighthouse, desktopConfig } = await load('lighthouse/core/index.js').catch((err) => {
  console.error(`lighthouse: cannot load Lighthouse from ${lighthouseDir} (make lighthouse installs it): ${err.message}`);
  process.exit(2);
});
const chromeLauncher = await load('chrome-launcher/dist/index.js');
const { version } = (await import(pathToFileURL(path.join(lighthouseDir, 'node_modules/lighthouse/package.json')).href, { with: { type: 'json' } })).default;

// The first request of each kind warms DynamoDB Local and the handlers up,
// as a deployed API is warm for its visitors.
for (const p of ['/api/locations', `/api/cars?locationId=ber&${period}`, `/api/cars/ber-002?${period}`]) {
  for (let i = 0; i < 3; i++) {
    const res = await fetch(base + p);
    if (!res.ok) {
      console.error(`lighthouse: ${base}${p} answered ${res.status}: is the stack up?`);
      process.exit(2);
    }
    await res.arrayBuffer();
  }
}

const profile = mkdtempSync(path.join(tmpdir(), 'lighthouse-chromium-'));
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless', ...CHROMIUM_FLAGS], userDataDir: profile, logLevel: 'silent' });
mkdirSync(reportsDir, { recursive: true });

/**
 * One Lighthouse run; a run that ends in Lighthouse's own runtime error (a
 * trace that did not record, NO_NAVSTART and the like) is tried again, twice.
 * @param {string} url @param {string} formFactor
 */
async function audit(url, formFactor) {
  let last;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, formFactor === 'desktop' ? desktopConfig : undefined);
    last = result?.lhr;
    if (last && !last.runtimeError) return last;
  }
  throw new Error(`Lighthouse failed on ${url} (${formFactor}): ${last?.runtimeError?.code} ${last?.runtimeError?.message}`);
}

const rows = [];
const benchmarks = [];
try {
  for (const page of PAGES) {
    for (const formFactor of FORM_FACTORS) {
      const lhrs = [];
      for (let i = 0; i < runs; i++) lhrs.push(await audit(base + page.path, formFactor));
      lhrs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
      const lhr = lhrs[Math.floor((lhrs.length - 1) / 2)];
      for (const r of lhrs) benchmarks.push(r.environment.benchmarkIndex);
      const file = path.join(reportsDir, `${page.name.replace(/\W+/g, '-')}-${formFactor}.json`);
      writeFileSync(file, JSON.stringify(lhr));
      const score = (/** @type {string} */ id) => Math.round(lhr.categories[id].score * 100);
      const a = lhr.audits;
      /** @type {Record<string, any>} */
      const row = {
        page: page.name,
        formFactor,
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        spread: lhrs.map((r) => Math.round(r.categories.performance.score * 100)),
        ua: lhr.environment.hostUserAgent,
      };
      rows.push(row);
      console.error(`lighthouse: ${page.name} (${formFactor}): performance ${row.spread.join(', ')}; kept ${row.performance}`);
    }
  }
} finally {
  await chrome.kill();
  rmSync(profile, { recursive: true, force: true });
}

const s = (/** @type {number} */ ms) => (ms / 1000).toFixed(1) + ' s';
const chromium = /Chrome\/([\d.]+)/.exec(rows[0]?.ua ?? '')?.[1] ?? '?';
console.log(`\nLighthouse ${version}, Chromium ${chromium} (headless), ${base}, ${new Date().toISOString().slice(0, 10)}; ` +
  `median of ${runs} run${runs === 1 ? '' : 's'} by performance; benchmarkIndex ${Math.min(...benchmarks)}-${Math.max(...benchmarks)}\n`);
console.log('| page | device | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | performance of each run |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.page} | ${r.formFactor === 'mobile' ? 'phone' : 'desktop'} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ` +
    `${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${r.spread.join(', ')} |`);
}
console.log(`\nreports (the median runs): ${reportsDir}`);

const failures = [];
for (const r of rows) {
  const where = `${r.page} (${r.formFactor})`;
  if (r.formFactor === 'mobile' && r.performance < MIN_MOBILE_PERFORMANCE) failures.push(`${where}: performance ${r.performance}, want ${MIN_MOBILE_PERFORMANCE} or more`);
  if (r.cls >= MAX_CLS) failures.push(`${where}: CLS ${r.cls.toFixed(3)}, want under ${MAX_CLS}`);
  for (const c of FULL_MARKS) if (r[c] < 100) failures.push(`${where}: ${c} ${r[c]}, want 100`);
}
if (failures.length > 0) {
  console.error(`\nlighthouse: ${failures.length} failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nlighthouse: every page holds: phone performance ${MIN_MOBILE_PERFORMANCE}+, CLS under ${MAX_CLS}, accessibility, best practices and SEO 100.`);
