import { v7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "./db.ts";
import { loadMigrations, migrate } from "./migrate.ts";

describe.each(createTestDatabases())("database on $kind", ({ kind, open }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("reports which engine it runs on", () => {
    expect(t.db.kind).toBe(kind);
  });

  it("applies the migrations once, and a second run changes nothing", async () => {
    expect(await migrate(t.db)).toEqual(loadMigrations().map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
    const tables = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "case_deadlines",
        "case_events",
        "cases",
        "holidays",
        "idempotency_keys",
        "persons",
        "schema_migrations",
      ]),
    );
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const edited = [{ version: "0001_init", sql: "SELECT 1", checksum: "edited" }];
    await expect(migrate(t.db, edited)).rejects.toThrow(/0001_init was changed after it was applied/);
  });

  it("gives dates back as YYYY-MM-DD, instants as ISO strings and counts as numbers", async () => {
    const [row] = await t.db.query<{ d: unknown; ds: unknown; ts: unknown; n: unknown }>(
      `SELECT '2024-02-29'::date AS d, ARRAY['2024-01-01'::date, '2024-12-31'] AS ds,
              '2024-03-01 09:00:00+09'::timestamptz AS ts, count(*) AS n FROM generate_series(1, 3)`,
    );
    expect(row).toEqual({
      d: "2024-02-29",
      ds: ["2024-01-01", "2024-12-31"],
      ts: "2024-03-01T00:00:00.000Z",
      n: 3,
    });
  });

  it("classifies Hangul as letters", async () => {
    const [row] = await t.db.query<{ ok: boolean }>("SELECT '가' ~ '^[[:alpha:]]$' AS ok");
    expect(row?.ok).toBe(true);
  });

  it("finds a person by any one of a word's blocking keys, and keeps no plain name to search", async () => {
    const id = v7();
    await t.db.query(
      `INSERT INTO persons (id, names_enc, name_blocks, created_at, created_by)
       VALUES ($1, 'v1.sealed', $2, now(), 'clerk-1')`,
      [id, [17, 3071, 4095]],
    );
    const found = async (...words: number[][]) => {
      const where = words.map((_, i) => `name_blocks && $${i + 1}::int[]`).join(" AND ");
      return (await t.db.query<{ id: string }>(`SELECT id FROM persons WHERE ${where}`, words)).map(
        (r) => r.id,
      );
    };
    expect(await found([4095, 12])).toEqual([id]);
    expect(await found([17], [3071, 5])).toEqual([id]);
    expect(await found([17], [18])).toEqual([]);
    const columns = await t.db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'persons'`,
    );
    expect(columns.map((c) => c.name)).not.toContain("search_text");
    expect(columns.map((c) => c.name)).not.toContain("search_bigrams");
  });

  it("rolls a failed transaction back and leaves the connection usable", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO holidays (date, name, kind, source, added_at, added_by)
           VALUES ('2025-06-03', 'Presidential election', 'election', 'admin', now(), 'admin-1')`,
        );
        throw new Error("abandoned");
      }),
    ).rejects.toThrow("abandoned");
    expect(await t.db.query("SELECT * FROM holidays")).toEqual([]);
  });
});
