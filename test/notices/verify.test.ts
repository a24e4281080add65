/**
 * `openrsd verify` and issued notices: the PDF stored when a notice was issued is compared with
 * the SHA-256 its document_issued event recorded; one byte edited in the stored file makes verify
 * exit non-zero and name the case and the notice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/cli/runtime.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { recordEvent, recordedView } from "../../src/cases/record-event.ts";
import { fileName } from "../../src/evidence/vault/backends/types.ts";
import { getStoredFile, vaultOf } from "../../src/evidence/vault/index.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { runCli } from "../support/cli.ts";

const SYSTEM = { principal: systemPrincipal("test"), address: "local" };
/** A clerk of the Seoul office, as a signed-in person records a service (in-process work issues no notice). */
const CLERK = {
  principal: {
    accountId: "00000000-0000-7000-8000-000000000001",
    username: "verify-clerk",
    role: "intake_clerk" as const,
    officeId: "seoul",
    via: "session" as const,
  },
  address: "local",
};

describe("openrsd verify with issued notices", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-verify-notices-"));
  let caseNumber = "";
  let address = "";
  afterAll(() => {
    for (const d of [dir, `${dir}-keys`, `${dir}-checkpoints`]) rmSync(d, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const { ctx } = await openApp({ data: dir }, { clock: () => new Date("2026-11-24T03:00:00Z") });
    try {
      const person = await createPerson(ctx, SYSTEM, {
        names: [{ value: "Test Person" }],
        nationality: "MMR",
      });
      const opened = await openCase(ctx, SYSTEM, {
        personId: person.id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-09-01",
      });
      caseNumber = opened.caseNumber ?? "";
      const decided = recordedView(
        await recordEvent(ctx, SYSTEM, opened.id, opened.version, {
          type: "decision_issued",
          occurredOn: "2026-11-20",
          outcome: "not_recognized",
          reasons: "A fictional refusal.",
        }),
      );
      const served = recordedView(
        await recordEvent(ctx, CLERK, opened.id, decided.version, {
          type: "notice_served",
          occurredOn: "2026-11-23",
          method: "post",
        }),
      );
      expect(served.version).toBe(decided.version + 2);
      // The one stored file of the office: the notice's PDF.
      const rows = await ctx.db.query<{ id: string }>(
        `SELECT id FROM evidence_files WHERE office_id = 'seoul' ORDER BY id DESC LIMIT 1`,
      );
      const stored = await getStoredFile(vaultOf(ctx), { officeId: "seoul", fileId: rows[0]!.id });
      address = stored!.address;
    } finally {
      await ctx.db.close();
    }
  }, 180_000);

  it("passes while the notice is as issued, and names it when its stored file is edited", async () => {
    const clean = await runCli(["verify", "--data", dir]);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toMatch(/evidence items: 1 files recorded in the case chains: as recorded/);

    const object = path.join(dir, "evidence", ...fileName(address).split("/"));
    const bytes = readFileSync(object);
    const original = Buffer.from(bytes);
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(object, bytes);
    try {
      const edited = await runCli(["verify", "--data", dir]);
      expect(edited.code, edited.out).toBe(2);
      expect(edited.out).toContain(`ALTERED EVIDENCE: case ${caseNumber}, item 0`);
      expect(edited.out).toMatch(/decision notice [0-9a-f-]{36}/);
    } finally {
      writeFileSync(object, original);
    }
    expect((await runCli(["verify", "--data", dir])).code).toBe(0);
  }, 180_000);
});
