/** The monthly access review as plain text for a terminal (report.ts makes the data). */
import type { AuditReport } from "./report.ts";

export function formatAuditReport(report: AuditReport): string {
  const { outcomes } = report;
  const seqs = report.firstSeq === null ? "" : ` (entries ${report.firstSeq}–${report.lastSeq})`;
  const lines = [
    `OpenRSD access record review, ${report.month} (${report.timeZone})`,
    `Period      ${local(report.from)} to ${local(report.to)} (times in ${report.timeZone})`,
    `Entries     ${report.entries}${seqs}: ${outcomes.ok} ok, ${outcomes.denied} denied, ${outcomes.failed} failed`,
    `Keep until  ${report.keepUntil.slice(0, 10)} at least (two years; never deleted by OpenRSD)`,
    `Generated   ${local(report.generatedAt)}`,
    "",
    section("Actions"),
    ...table(
      ["action", "ok", "denied", "failed", "total"],
      report.actions.map((a) => [a.action, a.ok, a.denied, a.failed, a.total]),
    ),
    "",
    section("Accounts"),
    ...table(
      ["account", "role", "reads", "writes", "cases", "denied", "reads outside hours"],
      report.actors.map((a) => [
        a.actor,
        a.actorRole,
        a.reads,
        a.writes,
        a.casesTouched,
        a.denied,
        a.outsideHoursReads,
      ]),
    ),
    "",
    section("Unusual patterns"),
    ...table(
      ["pattern", "account", "role", "day", "count", "threshold"],
      report.unusual.map((p) => [describe(p.kind), p.actor, p.actorRole, p.day, p.count, p.threshold]),
    ),
    "",
    section(`Failed logins (${report.failedLogins.total})`),
    ...table(
      ["account tried", "attempts", "addresses", "first", "last"],
      report.failedLogins.byActor.map((f) => [
        f.actor,
        f.count,
        f.addresses.join(" "),
        local(f.first),
        local(f.last),
      ]),
    ),
    "",
    section(`Refused exports (${report.refusedExports.length})`),
    ...table(
      ["entry", "at", "account", "role", "address", "case"],
      report.refusedExports.map((e) => [
        e.seq,
        local(e.at),
        e.actor,
        e.actorRole,
        e.address,
        e.caseId ?? "-",
      ]),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** An instant as Seoul wall-clock time (UTC+9 all year since 1988). */
function local(instant: string): string {
  const shifted = new Date(new Date(instant).getTime() + 9 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

function describe(kind: AuditReport["unusual"][number]["kind"]): string {
  return kind === "many-cases-in-a-day" ? "many cases read in a day" : "many refusals in a day";
}

function section(title: string): string {
  return `${title}\n${"=".repeat(title.length)}`;
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: string[], rows: (string | number)[][]): string[] {
  if (rows.length === 0) return ["  (none)"];
  const cells = [header, ...rows.map((row) => row.map(String))];
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === "number"));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const render = (row: string[]) =>
    "  " +
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = "  " + widths.map((width) => "-".repeat(width)).join("  ");
  return [render(header), rule, ...cells.slice(1).map(render)];
}
