// Generates src/api/schema.d.ts from ../api/openapi.yaml (the REST contract).
//
//   node scripts/gen-api.mjs          write the file
//   node scripts/gen-api.mjs --check  exit 1 if the checked-in file is stale
//
// The same generateSchema() is used by src/api/schema.test.ts, so `npm test`
// fails when someone changes the contract without regenerating.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const specPath = path.resolve(here, '../../api/openapi.yaml');
export const outPath = path.resolve(here, '../src/api/schema.d.ts');

const banner = `/**
 * Generated from api/openapi.yaml by openapi-typescript (npm run gen:api).
 * Do not edit: change the contract and run \`npm run gen:api\` in web/.
 */

`;

/** The text schema.d.ts must hold for the current contract. */
export async function generateSchema() {
  const ast = await openapiTS(pathToFileURL(specPath), {
    // Required properties are required; optional ones may be absent, never null.
    exportType: false,
    alphabetize: false,
  });
  return banner + astToString(ast);
}

async function main() {
  const want = await generateSchema();
  if (process.argv.includes('--check')) {
    const have = await readFile(outPath, 'utf8').catch(() => '');
    if (have !== want) {
      console.error(`${path.relative(process.cwd(), outPath)} is stale: api/openapi.yaml changed. Run \`npm run gen:api\` in web/ and commit the result.`);
      process.exit(1);
    }
    console.log('src/api/schema.d.ts is up to date with api/openapi.yaml');
    return;
  }
  await writeFile(outPath, want);
  console.log(`wrote ${path.relative(process.cwd(), outPath)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
