// Prints the gzipped size of every JavaScript chunk in dist/ and fails when
// the JavaScript that the first page loads (the entry chunk and the chunks it
// imports statically, as index.html's script and modulepreload tags name
// them) is over the budget. Lazily loaded pages are listed but not counted.
// It also fails when the chat panel's Lex client (the AWS SDK's
// RecognizeText) is part of the first page: it must load when the panel
// opens.
//
//   node scripts/check-size.mjs [--budget-kb 200]
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const arg = process.argv.indexOf('--budget-kb');
const budgetKb = arg > 0 ? Number(process.argv[arg + 1]) : 200;

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
console.log(`\nfirst page JavaScript: ${kb(firstJs).trim()} gzipped (budget ${budgetKb} KB); CSS ${kb(firstCss).trim()}`);
if (firstJs > budgetKb * 1024) {
  console.error(`check-size: the first page's JavaScript is ${kb(firstJs).trim()} gzipped, over the ${budgetKb} KB budget.`);
  process.exit(1);
}
if (lazyOnlyFound.length > 0) {
  console.error(`check-size: the first page loads the chat panel's Lex client (${lazyOnlyFound.join(', ')}); it must load only when the panel opens.`);
  process.exit(1);
}
