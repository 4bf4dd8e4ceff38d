// Prints the gzipped size of every JavaScript chunk in dist/ and fails when
// - the JavaScript that the first page loads (the entry chunk and the chunks
//   it imports statically, as index.html's script and modulepreload tags name
//   them) is over --budget-kb (lazily loaded pages are listed, not counted);
// - the first page's critical path, everything index.html makes the browser
//   fetch before it can render (the page itself, its scripts, modulepreloads
//   and stylesheets), is over --critical-kb gzipped;
// - a chunk of that path holds the sign-in library (aws-amplify, by the
//   chunk's source map): it must load only when a sign-in is needed
//   (src/auth/lazy.ts);
// - the chat panel's Lex client (the AWS SDK's RecognizeText) is part of
//   the first page: it must load when the panel opens.
//
//   node scripts/check-size.mjs [--budget-kb 200] [--critical-kb 110]
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
/** @param {string} name @param {number} fallback */
function numberArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const budgetKb = numberArg('budget-kb', 200);
const criticalKb = numberArg('critical-kb', 110);

/** @param {number} n */
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';

const html = await readFile(path.join(dist, 'index.html'), 'utf8').catch(() => {
  console.error('check-size: dist/index.html not found: run `vite build` first');
  process.exit(2);
});
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]),
);
if (initial.size === 0) {
  console.error('check-size: found no entry script in dist/index.html');
  process.exit(2);
}

const files = (await readdir(path.join(dist, 'assets'))).filter((f) => f.endsWith('.js') || f.endsWith('.css')).sort();
const rows = [];
/** @type {string[]} first-page chunks that hold the Lex client */
const lazyOnlyFound = [];
let firstJs = 0;
let firstCss = 0;
for (const f of files) {
  const rel = `assets/${f}`;
  const buf = await readFile(path.join(dist, rel));
  const gz = gzipSync(buf, { level: 9 }).length;
  const first = initial.has(rel) || (f.endsWith('.css') && html.includes(rel));
  if (first && f.endsWith('.js')) firstJs += gz;
  if (first && f.endsWith('.js') && buf.includes('RecognizeText')) lazyOnlyFound.push(rel);
  if (first && f.endsWith('.css')) firstCss += gz;
  rows.push({ f: rel, raw: buf.length, gz, first });
}

console.log('\nbundle size (gzip -9):');
console.log('  first page  raw        gzip      file');
for (const r of rows) console.log(`  ${r.first ? 'yes ' : 'lazy'}  ${kb(r.raw)} ${kb(r.gz)}  ${r.f}`);
const htmlGz = gzipSync(html, { level: 9 }).length;
const critical = htmlGz + firstJs + firstCss;
console.log(`\nfirst page JavaScript: ${kb(firstJs).trim()} gzipped (budget ${budgetKb} KB); CSS ${kb(firstCss).trim()}`);
console.log(`first page critical path (index.html, its scripts, modulepreloads and CSS): ${kb(critical).trim()} gzipped (budget ${criticalKb} KB)`);

const problems = [];
if (firstJs > budgetKb * 1024) problems.push(`the first page's JavaScript is ${kb(firstJs).trim()} gzipped, over the ${budgetKb} KB budget`);
if (critical > criticalKb * 1024) problems.push(`the first page's critical path is ${kb(critical).trim()} gzipped, over the ${criticalKb} KB budget`);
for (const r of rows.filter((r) => r.first && r.f.endsWith('.js'))) {
  const map = JSON.parse(await readFile(path.join(dist, r.f + '.map'), 'utf8').catch(() => '{"sources":[]}'));
  const amplify = /** @type {string[]} */ (map.sources).filter((src) => /node_modules\/(@aws-amplify|aws-amplify)\//.test(src));
  if (amplify.length > 0) {
    problems.push(`${r.f}, which the first page loads, holds aws-amplify (${amplify[0]}, ...): import it through src/auth/lazy.ts only`);
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(`check-size: ${p}.`);
  process.exit(1);
}
if (lazyOnlyFound.length > 0) {
  console.error(`check-size: the first page loads the chat panel's Lex client (${lazyOnlyFound.join(', ')}); it must load only when the panel opens.`);
  process.exit(1);
}
