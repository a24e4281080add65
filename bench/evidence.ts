/**
 * The evidence upload benchmark: one large file (1 GiB by default, BENCH_EVIDENCE_BYTES) streamed
 * through `POST /api/v1/cases/{id}/files` to the real server over HTTP on the embedded database,
 * into the vault on disk (hashed, type-checked, sealed in segments, written, renamed), against
 * `sha256sum` then `cp` of the same file in the same run and the same directory, on the same
 * disk (the baseline is timed before and after the upload; their mean is the baseline). Reported:
 * seconds, MiB/s, the ratio (aim ≤ 2 ×), and the server process's resident memory before and at
 * its peak during the upload (aim: grows by under 100 MiB, i.e. nothing holds the file).
 * The client streams from the file in the same process (64 KiB reads).
 *
 * `node --import tsx bench/evidence.ts`; `npm run bench` runs it after the case benchmark
 * (BENCH_EVIDENCE=0 leaves it out). Writes results/<ISO date>-evidence.json and
 * results/evidence-latest.md.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  writeSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppContext } from "../src/app/context.ts";
import { useVault } from "../src/evidence/vault/vault.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { issueApiToken } from "../src/security/commands/accounts.ts";
import { buildServer } from "../src/server/app.ts";
import { migrate } from "../src/store/migrate.ts";
import { benchCredentials, BENCH_USERNAME } from "./auth.ts";
import { seedCases } from "./seed.ts";
import { openPglite } from "./targets.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const MIB = 2 ** 20;
const AIM_RATIO = 2;
const AIM_RSS_MIB = 100;

export interface EvidenceBenchReport {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  database: string;
  bytes: number;
  upload: { seconds: number; mibPerSecond: number; status: number; sha256Matches: boolean };
  baseline: { sha256sumSeconds: number[]; cpSeconds: number[]; meanSeconds: number };
  ratio: number;
  rss: { beforeMib: number; peakMib: number; growthMib: number; how: string };
  aim: { ratio: { text: string; met: boolean }; rss: { text: string; met: boolean } };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (start: number) => (performance.now() - start) / 1000;
const rssMib = () => process.memoryUsage().rss / MIB;

/** A video as far as the vault can tell (an MP4's ftyp box), then pseudo-random bytes. */
function writeTestFile(file: string, bytes: number): void {
  const fd = openSync(file, "w", 0o600);
  try {
    const block = randomBytes(8 * MIB);
    Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp42")]).copy(block);
    for (let written = 0; written < bytes;) {
      const n = Math.min(block.length, bytes - written);
      writeSync(fd, block, 0, n);
      written += n;
      // Each block differs from the last, so that nothing downstream could shortcut a repeat.
      block.writeUInt32LE(written >>> 0, 4096 + (written % 1024));
    }
  } finally {
    closeSync(fd);
  }
}

/** Peak resident memory since the last reset (Linux), else null. */
function peakRssMib(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function upload(
  url: string,
  token: string,
  file: string,
  bytes: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "video/mp4",
          "content-length": String(bytes),
          "x-file-name": encodeURIComponent("bench-video.mp4"),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    createReadStream(file, { highWaterMark: 64 * 1024 })
      .on("error", reject)
      .pipe(req);
  });
}

function baseline(file: string, copy: string): { sha256sum: number; cp: number; hash: string } {
  let start = performance.now();
  const hash = execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0] ?? "";
  const sha256sum = seconds(start);
  start = performance.now();
  execFileSync("cp", [file, copy]);
  const cp = seconds(start);
  rmSync(copy, { force: true });
  return { sha256sum, cp, hash };
}

export function evidenceMarkdown(r: EvidenceBenchReport): string {
  const gib = round(r.bytes / 2 ** 30, 2);
  return [
    "# OpenRSD benchmark: an evidence upload",
    "",
    `${r.startedAt.slice(0, 19)}Z on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; ${r.database}; vault on disk.`,
    "",
    "| what | seconds | MiB/s |",
    "| --- | --: | --: |",
    `| \`POST /api/v1/cases/{id}/files\`, ${gib} GiB over HTTP: hashed, typed, sealed, written, renamed | ${r.upload.seconds} | ${r.upload.mibPerSecond} |`,
    `| \`sha256sum\` then \`cp\` of the same file (mean of ${r.baseline.sha256sumSeconds.length} runs) | ${r.baseline.meanSeconds} | ${round(r.bytes / MIB / r.baseline.meanSeconds, 1)} |`,
    "",
    `Upload / baseline: ${r.ratio} ×. The SHA-256 the server recorded ${r.upload.sha256Matches ? "equals" : "DIFFERS FROM"} sha256sum's.`,
    `Server process resident memory: ${r.rss.beforeMib} MiB before, ${r.rss.peakMib} MiB at its peak during the upload (+${r.rss.growthMib} MiB; ${r.rss.how}).`,
    "",
    `**Aims**: ratio ≤ ${AIM_RATIO} ×: ${r.aim.ratio.text}; memory growth < ${AIM_RSS_MIB} MiB: ${r.aim.rss.text}.`,
    "",
  ].join("\n");
}

export async function runEvidenceBench(
  log: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
): Promise<EvidenceBenchReport> {
  const bytes = Number(process.env.BENCH_EVIDENCE_BYTES ?? 2 ** 30);
  const startedAt = new Date().toISOString();
  const dir = mkdtempSync(
    path.join(process.env.BENCH_EVIDENCE_DIR ?? os.tmpdir(), "openrsd-bench-evidence-"),
  );
  const target = await openPglite();
  try {
    await migrate(target.db);
    const ctx = await createAppContext({ db: target.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    useVault(ctx, {
      storage: { kind: "disk", dir: path.join(dir, "evidence") },
      maxVideo: Math.max(2 * 2 ** 30, bytes),
      maxFile: 50 * MIB,
    });
    const [caseId] = await seedCases(ctx, 1, 2);
    await benchCredentials(ctx);
    const { token } = await issueApiToken(
      ctx,
      { principal: systemPrincipal("bench"), address: "local" },
      BENCH_USERNAME,
      "evidence benchmark",
      ["evidence.attach"],
    );
    const file = path.join(dir, "input.mp4");
    log(`evidence benchmark: writing a ${round(bytes / 2 ** 30)} GiB file in ${dir} …`);
    writeTestFile(file, bytes);

    const app = await buildServer({ ctx, logger: false, webRoot: false });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/cases/${caseId}/files`;
    try {
      const first = baseline(file, path.join(dir, "copy.mp4"));
      log(`  sha256sum ${round(first.sha256sum)} s, cp ${round(first.cp)} s`);

      global.gc?.();
      const before = rssMib();
      const peakReset = resetPeakRss();
      let sampled = before;
      const sampler = setInterval(() => (sampled = Math.max(sampled, rssMib())), 50);
      const start = performance.now();
      const res = await upload(url, token, file, bytes);
      const took = seconds(start);
      clearInterval(sampler);
      const hwm = peakReset ? peakRssMib() : null;
      const peak = Math.max(sampled, hwm ?? 0);
      const sha256 = (JSON.parse(res.body) as { file?: { sha256?: string } }).file?.sha256;
      log(`  upload ${round(took)} s (${res.status})`);

      const second = baseline(file, path.join(dir, "copy.mp4"));
      log(`  sha256sum ${round(second.sha256sum)} s, cp ${round(second.cp)} s`);
      const runs = [first, second];
      const mean = runs.reduce((a, r) => a + r.sha256sum + r.cp, 0) / runs.length;
      const ratio = round(took / mean);
      const growth = round(peak - before, 1);
      const cpus = os.cpus();
      const report: EvidenceBenchReport = {
        startedAt,
        machine: {
          node: process.version,
          cpus: cpus.length,
          cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
        },
        database: target.label,
        bytes,
        upload: {
          seconds: round(took),
          mibPerSecond: round(bytes / MIB / took, 1),
          status: res.status,
          sha256Matches: sha256 === first.hash,
        },
        baseline: {
          sha256sumSeconds: runs.map((r) => round(r.sha256sum)),
          cpSeconds: runs.map((r) => round(r.cp)),
          meanSeconds: round(mean),
        },
        ratio,
        rss: {
          beforeMib: round(before, 1),
          peakMib: round(peak, 1),
          growthMib: growth,
          how:
            hwm !== null
              ? "peak from /proc/self/status VmHWM, reset before the upload"
              : "sampled every 50 ms",
        },
        aim: {
          ratio: { met: ratio <= AIM_RATIO, text: `${ratio <= AIM_RATIO ? "met" : "not met"} (${ratio} ×)` },
          rss: {
            met: growth < AIM_RSS_MIB,
            text: `${growth < AIM_RSS_MIB ? "met" : "not met"} (+${growth} MiB)`,
          },
        },
      };
      mkdirSync(RESULTS, { recursive: true });
      const stamp = startedAt.replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
      writeFileSync(`${RESULTS}${stamp}-evidence.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(`${RESULTS}evidence-latest.md`, evidenceMarkdown(report));
      log(`\n${evidenceMarkdown(report)}`);
      log(`results: ${RESULTS}${stamp}-evidence.json\n         ${RESULTS}evidence-latest.md`);
      return report;
    } finally {
      await app.close();
    }
  } finally {
    await target.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runEvidenceBench();
