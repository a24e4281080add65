/**
 * A decision's notice texts (src/notices): what the notice of a decision says in the legal
 * language and a translation may say in the applicant's: the outcome, the reasons as recorded
 * (one unit per paragraph), each remedy's title and text, what follows, and the labels and the
 * note the translated part of the notice prints. Template texts keep their `{name}` places
 * (`{date}`, `{ground}`): the notice fills them in whatever language it prints.
 *
 * A decision is named by its type and date (`decision_issued@2026-11-20`): the draft awaiting a
 * supervisor's approval and the event recorded when it is approved are the same decision, so a
 * translation begun on the draft carries on after approval.
 */
import type { AppContext } from "../../app/context.ts";
import { draftsOfCase } from "../../approvals/db.ts";
import { loadCaseHead } from "../../cases/db/cases.ts";
import { openEvents, readEvents } from "../../cases/db/event-store.ts";
import { toCaseEvents } from "../../cases/view.ts";
import { procedureEvents } from "../../kernel/procedure/case-fold.ts";
import type { NoticeContent, NoticeRules, NoticeText } from "../../kernel/procedure/notices.ts";
import type { ProfileEvent } from "../../kernel/procedure/profile.ts";
import type { Queryable } from "../../store/db.ts";
import { paragraphUnits, type CaseRef, type SourceResolver, type SourceUnit } from "./types.ts";

export const decisionRef = (e: { type: string; occurredOn: string }) => `${e.type}@${e.occurredOn}`;

interface Decision {
  event: ProfileEvent;
  rules: NoticeRules;
  drafted: boolean;
}

/** The case's decisions that have a notice: recorded ones, then a draft awaiting approval. */
async function decisionsOf(ctx: AppContext, tx: Queryable, c: CaseRef): Promise<Decision[]> {
  const head = await loadCaseHead(tx, c.caseId);
  if (!head || head.header.officeId !== c.officeId) return [];
  const rules = ctx.profiles.require(head.header.profile).notices;
  if (!rules) return [];
  const decided = new Set(Object.values(rules.serves).flat());
  const history = procedureEvents(
    toCaseEvents(openEvents(ctx.keyring, await readEvents(tx, c.officeId, c.caseId))),
  );
  const out: Decision[] = history
    .filter((e) => decided.has(e.type))
    .map((event) => ({ event, rules, drafted: false }));
  const drafts = await draftsOfCase(tx, ctx.keyring, c, 5);
  const pending = drafts.find((d) => d.status === "pending" && decided.has(String(d.event["type"])));
  if (pending) out.push({ event: pending.event as ProfileEvent, rules, drafted: true });
  return out.filter((d) => d.rules.content(d.event, [], null) !== null);
}

/** The decision's type and date; the workspace words the type in the reader's language. */
const label = (d: Decision) => `${d.event.type} ${d.event.occurredOn}${d.drafted ? " (draft)" : ""}`;

/** The units of a notice's content, in the order the notice prints them. */
export function noticeUnits(rules: NoticeRules, content: NoticeContent): SourceUnit[] {
  const texts = rules.legal.texts;
  const seen = new Set<string>();
  const units: SourceUnit[] = [];
  const add = (t: NoticeText | string) => {
    const key = typeof t === "string" ? t : t.key;
    const text = texts[key];
    if (text === undefined || seen.has(key)) return;
    seen.add(key);
    units.push({ unit: key, text });
  };
  add("label.decision");
  add(content.outcome);
  if (content.reasons) {
    add("label.reasons");
    units.push(...paragraphUnits("reasons", content.reasons));
  }
  if (content.remedies.length > 0) {
    add("label.remedies");
    for (const r of content.remedies) {
      add(r.title);
      add(r.text);
    }
    add("label.due");
    add("label.due_preview");
  }
  if (content.follows.length > 0) {
    add("label.follows");
    for (const f of content.follows) add(f);
  }
  add("translation.note");
  return units;
}

export const decisionNotice: SourceResolver = {
  kind: "decision_notice",
  machineAllowed: true,
  async list(ctx, tx, c) {
    const decisions = await decisionsOf(ctx, tx, c);
    const refs = new Map<string, Decision>();
    for (const d of decisions) refs.set(decisionRef(d.event), d);
    return [...refs].map(([ref, d]) => ({ ref, label: label(d), language: d.rules.legal.language }));
  },
  async read(ctx, tx, c, ref) {
    const decisions = (await decisionsOf(ctx, tx, c)).filter((d) => decisionRef(d.event) === ref);
    const d = decisions.at(-1);
    if (!d) return null;
    const content = d.rules.content(d.event, [], null);
    if (!content) return null;
    return { label: label(d), language: d.rules.legal.language, units: noticeUnits(d.rules, content) };
  },
};
