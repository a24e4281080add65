/**
 * Decision notices as documents (docs/notices.md). A notice is typeset from the case's decision
 * event as recorded (or the draft awaiting approval, for a preview), the applicant's facts and
 * the profile's words; its remedies carry the deadlines the profile derived on the service date.
 *
 * Issuing: when the event that serves a decision's notice is recorded through the ordinary path
 * (src/cases/record-event.ts), `prepareNotice` first checks the write as the write will (the case
 * reached, its version, the profile's decision on the event), typesets the final notice and stores
 * it in the office's vault (which writes in transactions of its own); the write then appends the
 * service event and `document_issued` (with the file's SHA-256) together. If typesetting fails,
 * nothing is recorded and the request answers with the reason.
 */
import { Readable } from "node:stream";
import { v7 as uuidv7 } from "uuid";
import { actorName, type Actor } from "../app/actor.ts";
import type { IssuedNotice } from "../contracts/notices.ts";
import { calendarOf, today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { accessCase, readCase } from "../cases/access.ts";
import { openEvents, readEvents, type StoredEvent } from "../cases/db/event-store.ts";
import { toCaseEvents } from "../cases/view.ts";
import { writeCase } from "../cases/write.ts";
import { draftsOfCase } from "../approvals/db.ts";
import { findOffice } from "../kernel/offices.ts";
import { deriveCase, procedureEvents } from "../kernel/procedure/case-fold.ts";
import { servedDecision, type NoticeRules, type NoticeTexts } from "../kernel/procedure/notices.ts";
import type { ProcedureProfile, ProfileEvent } from "../kernel/procedure/profile.ts";
import { DOCUMENT_ISSUED, recordEvent, type RecordEvent } from "../kernel/procedure/record-events.ts";
import type { Right } from "../security/access/rights.ts";
import type { Queryable } from "../store/db.ts";
import { getPerson } from "../persons/db.ts";
import { openFile, putFile, vaultOf, type OpenedStream } from "../evidence/vault/index.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import { noticeModel, type NoticeModel } from "./model.ts";
import { RenderFailed } from "./render.ts";
import { noticesOf } from "./service.ts";
import { caseTranslations } from "./translations.ts";

/** The case facts a notice names, read in the caller's transaction. */
async function factsOf(
  tx: Queryable,
  keyring: Keyring,
  header: { officeId: string; personId: string; caseNumber?: string | null; id: string },
) {
  const person = await getPerson(tx, keyring, header.personId);
  return {
    caseNumber: header.caseNumber ?? header.id,
    officeName: findOffice(header.officeId)?.nameKo ?? header.officeId,
    names: (person?.names ?? []).map((n) => n.value),
    nationality: person?.nationality ?? "",
    birthDate: person?.birthDate ?? null,
    languages: person?.languages ?? [],
  };
}

type Facts = Awaited<ReturnType<typeof factsOf>>;

/**
 * The notice of `decision` as the profile words it, with the deadlines the profile derived on the
 * service date from the history up to the service (null: a preview before service).
 */
function compose(
  ctx: AppContext,
  profile: ProcedureProfile,
  rules: NoticeRules,
  history: readonly ProfileEvent[],
  decision: ProfileEvent,
  served: ProfileEvent | null,
  facts: Facts,
  calendar: HolidayCalendar,
  own: readonly NoticeTexts[],
): NoticeModel | null {
  const deadlines = served ? deriveCase(profile, history, served.occurredOn, calendar).deadlineSpecs : [];
  const content = rules.content(decision, deadlines, served?.occurredOn ?? null);
  if (!content) return null;
  const extra = noticesOf(ctx).translations[profile.id] ?? [];
  return noticeModel(
    content,
    { ...facts, decidedOn: decision.occurredOn, servedOn: served?.occurredOn ?? null },
    rules.legal,
    [...own, ...extra, ...rules.translations],
    served?.occurredOn ?? today(ctx, profile),
  );
}

/**
 * The case's own final translations of `decision`'s notice into the applicant's languages (or
 * the one `asked` for, refused unless final).
 */
async function ownTranslations(
  ctx: AppContext,
  tx: Queryable,
  caseId: string,
  profile: ProcedureProfile,
  rules: NoticeRules,
  decision: ProfileEvent,
  facts: Facts,
  asked?: string,
): Promise<NoticeTexts[]> {
  const content = rules.content(decision, [], null);
  if (!content) return [];
  return caseTranslations(
    ctx,
    tx,
    caseId,
    rules,
    profile.timeZone,
    decision,
    content,
    facts.languages,
    asked,
  );
}

/** Typeset a notice, or a clear problem (fonts missing, the compiler's message). */
function typeset(ctx: AppContext, model: NoticeModel, on: string): Buffer {
  const { renderer } = noticesOf(ctx);
  if (renderer instanceof Error) throw new AppError("conflict", renderer.message, {}, 503);
  try {
    return renderer.render(model, on);
  } catch (e) {
    if (e instanceof RenderFailed) throw new AppError("conflict", e.message, {}, 503);
    throw e;
  }
}

export interface PreparedNotice {
  documentId: string;
  fileId: string;
  sha256: string;
  size: number;
  /** The `document_issued` event, for the service event recorded at `forSequence`. */
  event(forSequence: number): RecordEvent;
}

function typeOf(input: unknown): string | undefined {
  const t = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof t === "string" ? t : undefined;
}

/**
 * Before an event is recorded: if it serves a decision's notice, the notice typeset with the
 * service date and stored in the office's vault; null when the event serves none (or is not
 * recorded at once: in-process imports, whose notices were issued elsewhere, and events that wait
 * for a second person). Refusals are the write's own (the same checks, against the same version).
 */
export async function prepareNotice(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  input: unknown,
  right: (profile: ProcedureProfile) => Right,
): Promise<PreparedNotice | null> {
  const type = typeOf(input);
  if (type === undefined || actor.principal.system) return null;
  if (!ctx.profiles.all().some((p) => p.notices && Object.hasOwn(p.notices.serves, type))) return null;
  // Documents are stored in the evidence vault; an application set up without one (some tests)
  // issues none. A deployment always has one (openApp).
  if (!hasVault(ctx)) return null;
  const planned = await writeCase(ctx, actor, caseId, {
    action: "case.event.record",
    right,
    expectedVersion,
    async run(c) {
      const rules = c.profile.notices;
      const none = { result: null, record: false as const };
      if (!rules || !Object.hasOwn(rules.serves, type)) return none;
      const event = c.decide(input);
      if (c.takesProtection(event) !== null) return none;
      const stored = openEvents(ctx.keyring, await readEvents(c.tx, c.header.officeId, caseId));
      const history = [...toCaseEvents(stored), event];
      const decision = servedDecision(rules, procedureEvents(history).slice(0, -1), event.type);
      if (!decision) return none;
      const facts = await factsOf(c.tx, ctx.keyring, c.header);
      const own = await ownTranslations(ctx, c.tx, caseId, c.profile, rules, decision.event, facts);
      const model = compose(
        ctx,
        c.profile,
        rules,
        history,
        decision.event,
        event,
        facts,
        calendarOf(ctx, c.profile),
        own,
      );
      return model
        ? { result: { model, on: event.occurredOn, officeId: c.header.officeId }, record: false }
        : none;
    },
  });
  if (!planned) return null;
  const pdf = typeset(ctx, planned.model, planned.on);
  const { file } = await putFile(vaultOf(ctx), {
    officeId: planned.officeId,
    stream: Readable.from([pdf]),
    declaredLength: pdf.length,
    storedBy: actorName(actor),
  });
  const documentId = uuidv7();
  return {
    documentId,
    fileId: file.id,
    sha256: file.sha256,
    size: file.size,
    event: (forSequence) =>
      recordEvent(DOCUMENT_ISSUED, planned.on, {
        documentId,
        kind: "decision_notice",
        fileId: file.id,
        sha256: file.sha256,
        size: file.size,
        forSequence,
      }),
  };
}

function hasVault(ctx: AppContext): boolean {
  try {
    vaultOf(ctx);
    return true;
  } catch {
    return false;
  }
}

/** The issued notices among a case's stored events. */
export function issuedNotices(events: readonly StoredEvent[]): IssuedNotice[] {
  return events
    .filter((e) => e.type === DOCUMENT_ISSUED)
    .map((e) => {
      const p = e.payload as Record<string, unknown>;
      return {
        documentId: String(p["documentId"]),
        kind: "decision_notice" as const,
        fileId: String(p["fileId"]),
        sha256: String(p["sha256"]),
        size: Number(p["size"]),
        issuedOn: e.occurredOn,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy,
        sequence: e.sequence,
        forSequence: typeof p["forSequence"] === "number" ? p["forSequence"] : null,
      };
    });
}

/**
 * The preview of the case's notice (application/pdf): the draft awaiting approval if there is one,
 * otherwise the last decision recorded, served or not. Recorded as a read of the case.
 */
export async function previewNotice(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  options: { language?: string } = {},
): Promise<Buffer> {
  const at = ctx.clock();
  const planned = await ctx.db.transaction(async (tx) => {
    const loaded = await readCase(tx, actor, caseId, "case.read", "notice.preview", {
      at,
      today: today(ctx),
    });
    if (!loaded) return null;
    const profile = ctx.profiles.require(loaded.header.profile);
    const rules = profile.notices;
    const history = toCaseEvents(openEvents(ctx.keyring, loaded.events));
    if (!rules) return { model: null, on: "" };
    const decided = new Set(Object.values(rules.serves).flat());
    const drafts = await draftsOfCase(tx, ctx.keyring, { officeId: loaded.header.officeId, caseId }, 1);
    const pending = drafts.find((d) => d.status === "pending" && decided.has(String(d.event["type"])));
    const facts = await factsOf(tx, ctx.keyring, loaded.header);
    const calendar = calendarOf(ctx, profile);
    const procedure = procedureEvents(history);
    const factsIn = options.language ? { ...facts, languages: [options.language] } : facts;
    const own = (decision: ProfileEvent) =>
      ownTranslations(ctx, tx, caseId, profile, rules, decision, factsIn, options.language);
    if (pending) {
      const event = pending.event as ProfileEvent;
      return {
        model: compose(ctx, profile, rules, history, event, null, factsIn, calendar, await own(event)),
        on: today(ctx, profile),
      };
    }
    // The last decision with a notice, and the service that served it, if recorded.
    for (let i = procedure.length - 1; i >= 0; i--) {
      const e = procedure[i];
      if (!e || !decided.has(e.type)) continue;
      const served =
        procedure.slice(i + 1).find((s) => {
          const kinds = rules.serves[s.type];
          return kinds !== undefined && kinds.includes(e.type);
        }) ?? null;
      const upTo = served ? history.slice(0, history.indexOf(served) + 1) : history;
      const model = compose(ctx, profile, rules, upTo, e, served, factsIn, calendar, await own(e));
      if (model) return { model, on: served?.occurredOn ?? today(ctx, profile) };
    }
    return { model: null, on: "" };
  });
  if (!planned) throw notFound(`case ${caseId}`);
  if (!planned.model)
    throw new AppError(
      "conflict",
      "the case has no decision with a notice to preview, recorded or drafted",
      {},
      409,
    );
  return typeset(ctx, planned.model, planned.on);
}

/** The notices issued to a case, for staff (`case.read`) or a mandated lawyer (`portal.read`). */
export async function listNotices(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  door: "workspace" | "portal",
): Promise<IssuedNotice[]> {
  const right = door === "portal" ? "portal.read" : "case.read";
  const action = door === "portal" ? "portal.notice.list" : "notice.list";
  const loaded = await readCase(ctx.db, actor, caseId, right, action, { at: ctx.clock(), today: today(ctx) });
  if (!loaded) throw notFound(`case ${caseId}`);
  return issuedNotices(openEvents(ctx.keyring, loaded.events));
}

/**
 * An issued notice's PDF, read from the vault. The download is in the access record with the
 * document's id, like every read of the case; a document not of this case answers 404.
 */
export async function noticePdf(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  documentId: string,
  door: "workspace" | "portal",
): Promise<{ notice: IssuedNotice; opened: OpenedStream; caseNumber: string }> {
  const right = door === "portal" ? "portal.read" : "case.read";
  const action = door === "portal" ? "portal.notice.download" : "notice.download";
  const found = await ctx.db.transaction(async (tx) => {
    const loaded = await accessCase(tx, actor, caseId, right, action, { at: ctx.clock(), today: today(ctx) });
    if (!loaded) return null;
    const notice =
      issuedNotices(openEvents(ctx.keyring, loaded.events)).find((n) => n.documentId === documentId) ?? null;
    await loaded.record(notice ? { documentId, sha256: notice.sha256 } : { documentId, found: false });
    return { notice, officeId: loaded.header.officeId, caseNumber: loaded.header.caseNumber ?? caseId };
  });
  if (!found?.notice) throw notFound(found ? `notice ${documentId}` : `case ${caseId}`);
  const opened = await openFile(vaultOf(ctx), { officeId: found.officeId, fileId: found.notice.fileId });
  if (!opened) throw notFound(`the stored file of notice ${documentId}`);
  return { notice: found.notice, opened, caseNumber: found.caseNumber };
}
