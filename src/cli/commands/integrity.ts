/**
 * `openrsd verify` and `openrsd checkpoint` (docs/security.md requirement 13): the hash chains,
 * and the database against the signed checkpoints kept outside it, each checked with the
 * configured public key only (src/cli/keys.ts).
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { AppContext } from "../../app/context.ts";
import {
  checkCheckpoint,
  checkpointFileName,
  readCheckpoint,
  verifyCheckpoints,
  writeCheckpoint,
  type AuditCheckpoint,
  type CheckpointMismatch,
  type CheckpointVerification,
} from "../../security/audit/checkpoint.ts";
import { checkpoint, verifyIntegrity, type IntegrityReport } from "../../security/commands/operations.ts";
import type { EvidenceFileCheck } from "../../contracts/uploads.ts";
import type { EvidenceItemsCheck } from "../../contracts/evidence.ts";
import { checkAllFiles } from "../../evidence/vault/check-file.ts";
import { checkItemFiles } from "../../evidence/items/verify-items.ts";
import { vaultOf } from "../../evidence/vault/vault.ts";
import { auditPublicKeyOf, checkpointsOption, keysOption, PUBLIC_KEY_ENV } from "../keys.ts";
import { dataOption } from "../options.ts";
import { checkpointsDirOf, dataDirOf, type PlaceOptions } from "../places.ts";
import { LOCAL, operate } from "./data.ts";

const CHECKPOINT_FILE = /^audit-checkpoint-.*\.json$/;

interface VerifyOptions extends PlaceOptions {
  checkpoint: string[];
  publicKey?: string;
}

export function registerIntegrityCommands(program: Command): void {
  program
    .command("verify")
    .description(
      "check every case's hash chain and the audit chain, and the database against every signed checkpoint kept outside it; name the first entry altered, removed or reordered",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .addOption(checkpointsOption())
    .option(
      "--checkpoint <file>",
      "check this checkpoint (repeatable) instead of every one in the checkpoints directory",
      (file: string, files: string[]) => [...files, file],
      [],
    )
    .option(
      "--public-key <key>",
      `the key the checkpoints must be signed with: a file, a PEM or base64 (env ${PUBLIC_KEY_ENV}; default: the public half of the signing key)`,
    )
    .action(async (opts: VerifyOptions) => {
      const { files, where } = checkpointFiles(opts);
      const key = files.length ? auditPublicKeyOf(opts) : undefined;
      // The signature first, with the configured key: a checkpoint that fails it is not compared.
      const loaded = files.map((file) => {
        const content = readOrNull(file);
        const checked = key ? checkCheckpoint(content, key.key) : undefined;
        return { file, content, refused: checked && "mismatch" in checked ? checked.mismatch : undefined };
      });
      const signed = loaded.filter((l) => !l.refused);
      const {
        report,
        results,
        files: stored,
      } = await operate(
        opts,
        async (client) => ({
          report: (await client.request<IntegrityReport>("GET", "/integrity")).body,
          files: await (async () => {
            const files = (await client.request<EvidenceFileCheck>("GET", "/integrity/evidence-files")).body;
            const items = (
              await client.request<EvidenceItemsCheck>("POST", "/integrity/evidence-items", {
                altered: files.problems,
              })
            ).body;
            return { ...files, items };
          })(),
          results: await Promise.all(
            signed.map(
              async (l) =>
                (await client.request<CheckpointVerification>("POST", "/audit/checkpoints/verify", l.content))
                  .body,
            ),
          ),
        }),
        async (ctx) => ({
          report: await verifyIntegrity(ctx),
          files: await evidenceFiles(ctx),
          results: key
            ? await verifyCheckpoints(
                ctx.db,
                signed.map((l) => l.content),
                key.key,
                { keyring: ctx.keyring },
              )
            : [],
        }),
      );
      printIntegrity(report);
      printEvidenceFiles(stored);
      printEvidenceItems(stored.items);
      let ok = report.ok && stored.ok && stored.items.ok;
      if (!key) {
        console.log(
          `checkpoints: none in ${where}; without them a row edited with its hash recomputed goes unseen ` +
            `(write one with openrsd checkpoint, regularly, and keep them off this machine)`,
        );
      } else {
        console.log(`checkpoints: ${files.length} from ${where}, checked with ${key.source}`);
        let next = 0;
        for (const l of loaded) {
          const mismatch = l.refused ?? results[next++]?.firstMismatch;
          console.log(
            `  ${path.basename(l.file)}: ${mismatch ? `MISMATCH ${describe(mismatch)}` : "matches"}`,
          );
          ok &&= mismatch === undefined;
        }
      }
      if (report.ok && key) {
        console.log(
          ok ? "every checkpoint matches the database" : "the database does NOT match its checkpoints",
        );
      }
      if (!ok) process.exitCode = 2;
    });

  program
    .command("checkpoint")
    .description(
      "write an Ed25519-signed checkpoint of the audit chain head and every case chain head to the checkpoints directory, to copy off this machine",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .addOption(checkpointsOption())
    .option("--out <file>", "write it to this file instead")
    .action(async (opts: PlaceOptions & { out?: string }) => {
      const cp = await operate(
        opts,
        async (client) => (await client.request<AuditCheckpoint>("POST", "/audit/checkpoints")).body,
        (ctx) => checkpoint(ctx, LOCAL),
      );
      const dir = checkpointsDirOf(opts);
      const file = opts.out ?? path.join(dir, checkpointFileName(cp));
      mkdirSync(path.dirname(file), { recursive: true });
      writeCheckpoint(file, cp);
      console.log(
        `checkpoint at audit entry ${cp.seq} and ${cp.caseChains.cases} case chains written to ${file}`,
      );
      const dataDir = dataDirOf(opts);
      if (`${path.resolve(file)}${path.sep}`.startsWith(`${dataDir}${path.sep}`)) {
        console.log(
          `warning: ${file} is inside the data directory; keep checkpoints where the database's owner cannot write`,
        );
      }
    });
}

export function printIntegrity(report: IntegrityReport): void {
  const c = report.cases;
  console.log(`case chains: ${c.cases} cases, ${c.events} events: ${c.ok ? "intact" : "BROKEN"}`);
  if (c.firstBad)
    console.log(
      `FIRST BAD ENTRY: case ${c.firstBad.caseId}, sequence ${c.firstBad.sequence}: ${c.firstBad.reason}`,
    );
  const a = report.audit;
  console.log(`audit chain: ${a.entries} entries: ${a.ok ? "intact" : "BROKEN"}`);
  if (a.firstBad)
    console.log(`FIRST BAD AUDIT ENTRY: seq ${a.firstBad.seq}: ${a.firstBad.reason} (${a.firstBad.detail})`);
  if (report.ok) console.log("all hash chains are intact");
}

async function evidenceFiles(ctx: AppContext): Promise<EvidenceFileCheck & { items: EvidenceItemsCheck }> {
  const { checked, problems } = await checkAllFiles(vaultOf(ctx));
  return {
    ok: problems.length === 0,
    checked,
    problems: problems.map((p) => ({ officeId: p.officeId, fileId: p.fileId, problem: p.problem ?? "" })),
    items: await checkItemFiles(ctx, problems),
  };
}

/** The files of evidence items, as the case chains recorded them, each altered one named. */
export function printEvidenceItems(check: EvidenceItemsCheck): void {
  console.log(
    `evidence items: ${check.checked} files recorded in the case chains: ${check.ok ? "as recorded" : "ALTERED"}`,
  );
  for (const p of check.problems)
    console.log(
      `ALTERED EVIDENCE: case ${p.caseNumber ?? p.caseId}, item ${p.itemNumber}, file ${p.fileId}: ${p.problem}`,
    );
}

export function printEvidenceFiles(check: EvidenceFileCheck): void {
  console.log(`evidence files: ${check.checked} read back and hashed: ${check.ok ? "intact" : "ALTERED"}`);
  for (const p of check.problems)
    console.log(`ALTERED EVIDENCE FILE: ${p.fileId} (office ${p.officeId}): ${p.problem}`);
}

/** The files to check: those given, else every checkpoint in the checkpoints directory, oldest first. */
function checkpointFiles(opts: VerifyOptions): { files: string[]; where: string } {
  if (opts.checkpoint.length > 0) return { files: opts.checkpoint, where: "the command line" };
  const dir = checkpointsDirOf(opts);
  if (!existsSync(dir)) return { files: [], where: dir };
  const files = readdirSync(dir)
    .filter((name) => CHECKPOINT_FILE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
  return { files, where: dir };
}

function readOrNull(file: string): unknown {
  try {
    return readCheckpoint(file);
  } catch {
    return null; // not JSON: reported as a checkpoint of the wrong format
  }
}

function describe(m: CheckpointMismatch): string {
  const at =
    m.what === "case-chain"
      ? ` case ${m.caseId}, event ${m.sequence}`
      : m.what === "audit"
        ? ` audit entry ${m.seq}`
        : "";
  return `(${m.what}${at}): ${m.reason}`;
}
