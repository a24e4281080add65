/**
 * Writes the OpenAPI document the server serves at /api/openapi.json to a file, for the linters
 * (`npm run lint:api`): the server is built on a throwaway embedded database, asked for its
 * document, and closed. Usage: node --import tsx test/contract/write-openapi.ts [file]
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createAppContext } from "../../src/app/context.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const out = process.argv[2] ?? "test-results/openapi.json";
const [embedded] = createTestDatabases();
if (!embedded) throw new Error("no embedded database");
const test = await embedded.open();
try {
  await migrate(test.db);
  const ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
  const app = await buildServer({ ctx, webRoot: false });
  try {
    const res = await app.inject({ url: "/api/openapi.json" });
    if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(res.json(), null, 2)}\n`);
    console.log(`wrote ${out}`);
  } finally {
    await app.close();
  }
} finally {
  await test.dispose();
}
