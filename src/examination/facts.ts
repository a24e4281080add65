/**
 * The applicant's material facts: add, revise (the previous text kept as a version), withdraw,
 * remove (only while no assessment uses the fact), and link to the case's evidence items,
 * interview segments and COI citations. Every change goes through the one case-write path with
 * the right event.examination; every read is in the access record.
 */
import { v7 as uuidv7 } from "uuid";
import type { Fact, FactInput, LinkInput } from "../contracts/examination.ts";
import { actorName, type Actor, type AuditFields } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import { listItems } from "../evidence/items/db.ts";
import { may } from "../security/access/policy.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import {
  deleteFactRow,
  factVersions,
  findAssessment,
  findFact,
  insertFact,
  linksOfCase,
  listFacts,
  nextFactPosition,
  replaceLinks,
  reviseFact,
  withdrawFactRow,
  type CaseRef,
  type FactContent,
  type FactRow,
  type FactVersionRow,
  type LinkRow,
} from "./db.ts";
import { citationsOfCaseRef, LINKABLE, segmentsOfCase } from "./sources.ts";

const RIGHT = "event.examination" as const;

function contentOf(input: FactInput): FactContent {
  return {
    statement: input.statement,
    occurredOn: input.occurredOn ?? null,
    period: input.period ?? null,
    place: input.place ?? null,
    grounds: [...input.grounds],
    actor: input.actor ?? null,
    surPlace: input.surPlace,
  };
}

function futureDate(input: FactInput, now: string): void {
  if (input.occurredOn && input.occurredOn > now)
    throw new AppError("invalid_input", `the fact is dated ${input.occurredOn}, after today (${now})`, {
      issues: [{ path: "occurredOn", message: "after today" }],
    });
}

/** What a link points at, as the examiner reads it, and whether it is still there. */
export interface Labelled {
  label: string;
  available: boolean;
}

/** The labels of every source the case's facts may link to. */
export async function sourceLabels(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  links: readonly LinkRow[],
  evidenceVisible = true,
): Promise<Map<string, Labelled>> {
  const out = new Map<string, Labelled>();
  if (links.some((l) => l.kind === "evidence")) {
    // An item's title is evidence: a reader without the right to read evidence sees its number.
    for (const i of await listItems(tx, keyring, ref.officeId, ref.caseId, { kind: "all" }))
      out.set(`evidence/${i.id}`, {
        label: evidenceVisible ? `#${i.number} ${i.metadata.title}` : `#${i.number}`,
        available: i.status === "active",
      });
  }
  const segmentIds = links.filter((l) => l.kind === "segment").map((l) => l.targetId);
  if (segmentIds.length > 0) {
    for (const s of (await segmentsOfCase(tx, keyring, ref, segmentIds)).values())
      out.set(`segment/${s.id}`, { label: segmentLabel(s), available: true });
  }
  if (links.some((l) => l.kind === "citation")) {
    for (const c of await citationsOfCaseRef(tx, ref))
      out.set(`citation/${c.id}`, { label: citationLabel(c), available: true });
  }
  return out;
}

export const segmentLabel = (s: { interviewOn: string; position: number; question: string }) =>
  `Interview of ${s.interviewOn}, segment ${s.position}: ${s.question}`;
export const citationLabel = (c: {
  title: string;
  source: string;
  publishedOn: string | null;
  locator: string | null;
}) => `${c.title} (${c.source}, ${c.publishedOn ?? "undated"})${c.locator ? `, ${c.locator}` : ""}`;

export function presentFact(f: FactRow, links: readonly LinkRow[], labels: Map<string, Labelled>): Fact {
  return {
    id: f.id,
    caseId: f.caseId,
    position: f.position,
    status: f.status,
    version: f.version,
    ...f.content,
    withdrawal: f.withdrawal,
    links: links
      .filter((l) => l.factId === f.id)
      .map((l) => ({
        kind: l.kind,
        targetId: l.targetId,
        stance: l.stance,
        ...(labels.get(`${l.kind}/${l.targetId}`) ?? { label: `${l.kind} ${l.targetId}`, available: false }),
      })),
    recordedBy: f.recordedBy,
    recordedAt: f.recordedAt,
    updatedBy: f.updatedBy,
    updatedAt: f.updatedAt,
  };
}

async function presentOne(tx: Queryable, keyring: Keyring, ref: CaseRef, id: string): Promise<Fact> {
  const f = await findFact(tx, keyring, ref, id);
  if (!f) throw new Error("the fact was not stored");
  const links = (await linksOfCase(tx, ref)).filter((l) => l.factId === id);
  return presentFact(f, links, await sourceLabels(tx, keyring, ref, links));
}

/**
 * Check each link against the case: an evidence item, an interview segment or a COI citation of
 * this case, or a 422 naming the link. Nothing of another case is linked, silently or not.
 */
export async function validateLinks(
  tx: Queryable,
  keyring: Keyring,
  ref: CaseRef,
  links: readonly LinkInput[],
): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const evidence = links.some((l) => l.kind === "evidence")
    ? new Map(
        (await listItems(tx, keyring, ref.officeId, ref.caseId, { kind: "all" })).map((i) => [
          i.id,
          i.status,
        ]),
      )
    : new Map<string, string>();
  const segmentIds = links.filter((l) => l.kind === "segment").map((l) => l.targetId);
  const segments =
    LINKABLE.segments && segmentIds.length > 0
      ? await segmentsOfCase(tx, keyring, ref, segmentIds)
      : new Map();
  const citations =
    LINKABLE.citations && links.some((l) => l.kind === "citation")
      ? new Set((await citationsOfCaseRef(tx, ref)).map((c) => c.id))
      : new Set<string>();
  links.forEach((l, i) => {
    const path = `links.${i}.targetId`;
    if (l.kind === "evidence") {
      const status = evidence.get(l.targetId);
      if (!status) issues.push({ path, message: "not an evidence item of this case" });
      else if (status === "withdrawn") issues.push({ path, message: "this evidence item is withdrawn" });
    } else if (l.kind === "segment") {
      if (!LINKABLE.segments)
        issues.push({ path: `links.${i}.kind`, message: "interview segments are not available to link yet" });
      else if (!segments.has(l.targetId))
        issues.push({ path, message: "not an interview segment of this case" });
    } else if (!LINKABLE.citations) {
      issues.push({ path: `links.${i}.kind`, message: "COI citations are not available to link yet" });
    } else if (!citations.has(l.targetId)) {
      issues.push({ path, message: "not a COI citation of this case" });
    }
  });
  if (issues.length > 0)
    throw new AppError("invalid_input", "a link points at nothing of this case", { issues });
}

export function addFact(ctx: AppContext, actor: Actor, caseId: string, input: FactInput): Promise<Fact> {
  return writeCase(ctx, actor, caseId, {
    action: "examination.fact.add",
    right: RIGHT,
    async run(c) {
      const ref = { officeId: c.header.officeId, caseId };
      futureDate(input, c.today);
      const at = ctx.clock().toISOString();
      const id = uuidv7();
      await insertFact(c.tx, ctx.keyring, {
        ...ref,
        id,
        position: input.position ?? (await nextFactPosition(c.tx, ref)),
        status: "active",
        version: 1,
        content: contentOf(input),
        withdrawal: null,
        recordedBy: actorName(actor),
        recordedAt: at,
        updatedBy: actorName(actor),
        updatedAt: at,
      });
      return { result: await presentOne(c.tx, ctx.keyring, ref, id), details: { factId: id } };
    },
  });
}

async function changeFact<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  factId: string,
  action: string,
  fn: (tx: Queryable, ref: CaseRef, fact: FactRow, today: string) => Promise<R>,
): Promise<R> {
  return writeCase(ctx, actor, caseId, {
    action,
    right: RIGHT,
    async run(c) {
      const ref = { officeId: c.header.officeId, caseId };
      const fact = await findFact(c.tx, ctx.keyring, ref, factId);
      if (!fact) throw notFound(`material fact ${factId}`);
      return { result: await fn(c.tx, ref, fact, c.today), details: { factId } };
    },
  });
}

function stillActive(fact: FactRow, what: string): void {
  if (fact.status === "withdrawn")
    throw new AppError(
      "conflict",
      `material fact ${fact.position} is withdrawn: it cannot be ${what}`,
      {},
      409,
    );
}

/** A new text for a fact; the previous one is kept as a version. `version`: the fact's as last read. */
export function reviseFactText(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  factId: string,
  input: FactInput,
  version?: number,
): Promise<Fact> {
  return changeFact(ctx, actor, caseId, factId, "examination.fact.revise", async (tx, ref, fact, now) => {
    stillActive(fact, "changed");
    if (version !== undefined && version !== fact.version)
      throw new AppError(
        "version_mismatch",
        `the fact has changed since version ${version} (now ${fact.version}); reload it and try again`,
      );
    futureDate(input, now);
    await reviseFact(
      tx,
      ctx.keyring,
      fact,
      { content: contentOf(input), position: input.position ?? fact.position },
      actorName(actor),
      ctx.clock().toISOString(),
    );
    return presentOne(tx, ctx.keyring, ref, factId);
  });
}

export function withdrawFact(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  factId: string,
  reason: string,
): Promise<Fact> {
  return changeFact(ctx, actor, caseId, factId, "examination.fact.withdraw", async (tx, ref, fact) => {
    stillActive(fact, "withdrawn again");
    await withdrawFactRow(tx, ctx.keyring, fact, {
      reason,
      by: actorName(actor),
      at: ctx.clock().toISOString(),
    });
    return presentOne(tx, ctx.keyring, ref, factId);
  });
}

/** Remove a fact, only while the assessment does not assess it (otherwise withdraw it: 409). */
export function removeFact(ctx: AppContext, actor: Actor, caseId: string, factId: string): Promise<void> {
  return changeFact(ctx, actor, caseId, factId, "examination.fact.remove", async (tx, ref, fact) => {
    const assessment = await findAssessment(tx, ctx.keyring, ref, true);
    if (assessment?.content.facts.some((f) => f.factId === factId))
      throw new AppError(
        "conflict",
        `material fact ${fact.position} is assessed: withdraw it instead, so that the assessment stays readable`,
        {},
        409,
      );
    await deleteFactRow(tx, fact);
  });
}

export function setFactLinks(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  factId: string,
  links: readonly LinkInput[],
): Promise<Fact> {
  return changeFact(ctx, actor, caseId, factId, "examination.fact.links", async (tx, ref, fact) => {
    stillActive(fact, "linked");
    await validateLinks(tx, ctx.keyring, ref, links);
    await replaceLinks(tx, fact, links, actorName(actor), ctx.clock().toISOString());
    return presentOne(tx, ctx.keyring, ref, factId);
  });
}

/** Run `fn` on a case the actor reaches for case.read, recording the read; 404 otherwise. */
export async function readExamination<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: string,
  fn: (tx: Queryable, ref: CaseRef, profile: string) => Promise<ReadDone<R>>,
): Promise<R> {
  const now = { at: ctx.clock(), today: today(ctx) };
  const out = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "case.read", action, now);
    if (!c) return null;
    const done = await fn(tx, { officeId: c.header.officeId, caseId }, c.header.profile);
    await c.record(done.details ?? {});
    return done;
  });
  if (!out) throw notFound(`case ${caseId}`);
  if ("missing" in out) throw notFound(out.missing);
  return out.value;
}

/** What a read found (recorded with `details`), or what it did not find (404, recorded as such). */
export type ReadDone<R> =
  { value: R; details?: AuditFields["details"] } | { missing: string; details: AuditFields["details"] };

export function listCaseFacts(ctx: AppContext, actor: Actor, caseId: string): Promise<Fact[]> {
  return readExamination(ctx, actor, caseId, "examination.facts.read", async (tx, ref) => {
    const facts = await listFacts(tx, ctx.keyring, ref);
    const links = await linksOfCase(tx, ref);
    const labels = await sourceLabels(tx, ctx.keyring, ref, links, may(actor.principal, "evidence.read"));
    return { value: facts.map((f) => presentFact(f, links, labels)), details: { facts: facts.length } };
  });
}

export function listFactVersions(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  factId: string,
): Promise<FactVersionRow[]> {
  return readExamination(
    ctx,
    actor,
    caseId,
    "examination.fact.versions",
    async (tx, ref): Promise<ReadDone<FactVersionRow[]>> => {
      const fact = await findFact(tx, ctx.keyring, ref, factId);
      if (!fact) return { missing: `material fact ${factId}`, details: { factId, found: false } };
      const older = await factVersions(tx, ctx.keyring, fact);
      const current: FactVersionRow = {
        version: fact.version,
        content: fact.content,
        recordedBy: fact.updatedBy,
        recordedAt: fact.updatedAt,
      };
      return { value: [...older, current], details: { factId } };
    },
  );
}
