import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { generateSchema, outPath } from '../../scripts/gen-api.mjs';

describe('src/api/schema.d.ts', () => {
  it('matches api/openapi.yaml (else run `npm run gen:api`)', async () => {
    const want: string = await generateSchema();
    const have = await readFile(outPath as string, 'utf8');
    expect(have === want, 'src/api/schema.d.ts is stale: api/openapi.yaml changed. Run `npm run gen:api` in web/ and commit the result.').toBe(true);
  }, 30_000);
});
