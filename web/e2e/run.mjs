#!/usr/bin/env node
// npm run e2e: the browser tests, against a running stack.
//
//   E2E_BASE_URL   where the site and API are (default http://localhost:3000, `make run`)
//   SCREENSHOT_DIR where the screenshots go (default ../screenshots, the repo's screenshots/)
//   CHROMIUM_PATH  the browser (default /usr/bin/chromium, Debian's package)
//
// Fails at once, saying why, when nothing answers at the base URL or Chromium
// is missing; then runs vitest with vitest.e2e.config.ts (extra arguments are
// passed on, e.g. `npm run e2e -- booking`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = path.resolve(web, process.env.SCREENSHOT_DIR ?? '../screenshots');

/** @param {string[]} lines @returns {never} */
function fail(lines) {
  console.error(['', 'e2e: cannot run the browser tests.', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(2);
}

/** @param {string} url */
async function probe(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { Accept: 'application/json' } });
    return { ok: res.ok, status: res.status, text: await res.text() };
  } catch (e) {
    const err = /** @type {{ cause?: { code?: string }, name?: string }} */ (e);
    return { ok: false, status: 0, text: String(err?.cause?.code ?? err?.name ?? e) };
  }
}

if (!existsSync(chromium)) {
  fail([`No Chromium at ${chromium}.`, 'Install Debian\'s: apt-get install -y chromium (or set CHROMIUM_PATH). No browser is downloaded.']);
}

const config = await probe(`${base}/config.json`);
if (config.status === 0) {
  fail([`Nothing answers at ${base} (${config.text}).`, 'Start the local stack first: make run (in the repository root),', 'or point E2E_BASE_URL at a running one.']);
}
if (!config.ok) fail([`${base}/config.json answered ${config.status}: the stack must serve the site's runtime config.`]);
try {
  JSON.parse(config.text);
} catch {
  fail([`${base}/config.json is not JSON: is ${base} the car-rental stack?`]);
}
const locations = await probe(`${base}/locations`);
if (!locations.ok) fail([`${base}/locations answered ${locations.status || locations.text}: the API is not up.`]);

console.log(`e2e: testing ${base} with ${chromium}; screenshots into ${shots}`);
const vitest = path.join(web, 'node_modules', 'vitest', 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: web,
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: base, SCREENSHOT_DIR: shots, CHROMIUM_PATH: chromium },
});
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
