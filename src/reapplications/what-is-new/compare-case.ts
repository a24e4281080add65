/**
 * Build the what-is-new comparison of a subsequent case (docs/what-is-new.md) inside a
 * transaction that has already reached the case: the earlier cases named at filing and how each
 * ended, then every element the new application brings, with OpenRSD's proposed tag and the
 * examiner's classification. Applicant text (statements, titles, summaries) is decrypted here for
 * the reader and never written anywhere.
 *
 * The comparison date (`earlierDecisionOn`) is the latest earlier decision on the merits (the
 * objection's, when there was one), or, for an ending without one (withdrawn, terminated, not
 * referred), the date it became final. Elements of the earlier cases dated after it were not before
 * the decision-maker: they count as the new application's, wherever they were filed.
 */
import { calendarOf, type AppContext } from "../../app/context.ts";
import { loadCase, type CaseHeaderRow } from "../../cases/db/cases.ts";
import { openEvents } from "../../cases/db/event-store.ts";
import { filingOf, toCaseEvents } from "../../cases/view.ts";
import type { EarlierCase, WhatIsNew, WhatIsNewElement } from "../../contracts/what-is-new.ts";
import { findAssessment, listFacts, type FactRow } from "../../examination/db.ts";
import { listItems, type ItemRow } from "../../evidence/items/db.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Filing } from "../../kernel/procedure/profile.ts";
import { isRecordEvent } from "../../kernel/procedure/record-events.ts";
import type { ElementKind } from "../../kernel/reapplication/policy.ts";
import { PROFILE_ID } from "../../profiles/kr-refugee-act/profile.ts";
import type { CaseEvent } from "../../profiles/kr-refugee-act/events.ts";
import { priorEnding } from "../../profiles/kr-refugee-act/reapplication/prior-ending.ts";
import type { Queryable } from "../../store/db.ts";
import { matchFact, proposeDated, proposeEvidence, proposeFact, type Proposal } from "./compare.ts";
import { citedProfiles, classificationsOf, documentsSince, originalHashes } from "./db.ts";
import { LAW_REFERENCES, LEGAL_TOPICS } from "./law-references.ts";

/** At most this many country documents are listed (newest first). */
export const COI_LIMIT = 50;

interface CaseFile {
  header: CaseHeaderRow;
  facts: FactRow[];
  findings: Map<string, "accepted" | "rejected" | "benefit_of_doubt">;
  items: ItemRow[];
  hashes: Map<string, string[]>;
}

const maxDate = (dates: readonly (LegalDate | null)[]): LegalDate | null =>
  dates.reduce<LegalDate | null>((m, d) => (d && (!m || d > m) ? d : m), null);

const caseLabel = (h: CaseHeaderRow) => h.caseNumber ?? h.id;

async function readFile(tx: Queryable, ctx: AppContext, header: CaseHeaderRow): Promise<CaseFile> {
  const ref = { officeId: header.officeId, caseId: header.id };
  const facts = (await listFacts(tx, ctx.keyring, ref)).filter((f) => f.status === "active");
  const assessment = await findAssessment(tx, ctx.keyring, ref);
  const findings = new Map<string, "accepted" | "rejected" | "benefit_of_doubt">();
  for (const f of assessment?.content.facts ?? []) if (f.finding) findings.set(f.factId, f.finding);
  const items = (await listItems(tx, ctx.keyring, header.officeId, header.id, { kind: "all" })).filter(
    (i) => i.status === "active",
  );
  return {
    header,
    facts,
    findings,
    items,
    hashes: await originalHashes(tx, ctx.keyring, header.officeId, header.id),
  };
}

/** The date an item's content came into being, when the record says: a post's publication. */
function originOf(item: ItemRow): LegalDate | null {
  const published = item.metadata.capture?.publishedAt;
  return published ? published.slice(0, 10) : null;
}

export interface Compared {
  value: WhatIsNew;
  /** the earlier cases read (each gets an access record of its own) */
  earlier: { id: string; officeId: string }[];
}

/**
 * The comparison of the subsequent case `header` (whose history is `stored`), or null when it is
 * not a subsequent application. `evidenceTitles`: the reader may read evidence (else items are
 * named by number only).
 */
export async function compareCase(
  tx: Queryable,
  ctx: AppContext,
  header: CaseHeaderRow,
  filing: Filing,
  today: LegalDate,
  evidenceTitles: boolean,
): Promise<Compared | null> {
  if (filing.kind !== "subsequent") return null;
  const filedOn = filing.occurredOn;

  // The earlier cases and how each had ended when the new application was filed.
  const earlierCases: EarlierCase[] = [];
  const priorFiles: CaseFile[] = [];
  for (const id of filing.priorCaseIds) {
    const loaded = await loadCase(tx, id);
    if (!loaded) continue;
    const events = toCaseEvents(openEvents(ctx.keyring, loaded.events));
    const profile = ctx.profiles.get(loaded.header.profile);
    const outcome =
      profile && loaded.header.profile === PROFILE_ID
        ? priorEnding(
            events.filter((e) => !isRecordEvent(e)) as unknown as CaseEvent[],
            filedOn,
            calendarOf(ctx, profile),
          )
        : null;
    earlierCases.push({
      caseId: id,
      caseNumber: loaded.header.caseNumber ?? null,
      officeId: loaded.header.officeId,
      filedOn: filingOf(events).occurredOn,
      ending: outcome?.ending ?? null,
      decidedOn: outcome?.decidedOn ?? null,
      finalOn: outcome?.finalOn ?? null,
    });
    priorFiles.push(await readFile(tx, ctx, loaded.header));
  }
  const cut = maxDate(earlierCases.map((e) => e.decidedOn ?? e.finalOn));
  const lastFinalOn = maxDate(earlierCases.map((e) => e.finalOn));
  const current = await readFile(tx, ctx, header);

  const elements: Omit<WhatIsNewElement, "tag" | "withoutFault" | "classifiedBy" | "classifiedAt">[] = [];
  const push = (
    e: {
      refKind: ElementKind;
      refId: string;
      caseId: string | null;
      summary: string;
      aroseOn: LegalDate | null;
      comparison?: WhatIsNewElement["comparison"];
      earlier?: WhatIsNewElement["earlier"];
      item?: WhatIsNewElement["item"];
      observation?: WhatIsNewElement["observation"];
      action?: WhatIsNewElement["action"];
    },
    p: Proposal,
  ) =>
    elements.push({
      comparison: null,
      earlier: null,
      item: null,
      observation: null,
      action: null,
      ...e,
      proposedTag: p.tag,
      why: p.why,
      reason: p.code,
    });

  // Claimed material facts, against every earlier claim.
  const earlierFacts = priorFiles.flatMap((f) =>
    f.facts.map((fact) => ({ statement: fact.content.statement, ref: { file: f, fact } })),
  );
  for (const fact of current.facts) {
    const { comparison, match } = matchFact(fact.content.statement, earlierFacts);
    push(
      {
        refKind: "fact",
        refId: fact.id,
        caseId: header.id,
        summary: fact.content.statement,
        aroseOn: fact.content.occurredOn,
        comparison,
        earlier: match
          ? {
              caseId: match.ref.file.header.id,
              caseNumber: match.ref.file.header.caseNumber ?? null,
              summary: match.ref.fact.content.statement,
              finding: match.ref.file.findings.get(match.ref.fact.id) ?? null,
              item: null,
              observation: null,
            }
          : null,
      },
      proposeFact(comparison, fact.content.occurredOn, cut),
    );
  }

  // Evidence: the new case's items, and the earlier cases' items received after the decision.
  const considered = new Map<string, { file: CaseFile; item: ItemRow }>();
  for (const f of priorFiles)
    for (const item of f.items)
      if (!cut || item.metadata.receivedOn <= cut)
        for (const sha of f.hashes.get(item.id) ?? []) considered.set(sha, { file: f, item });
  const itemName = (f: CaseFile, item: ItemRow) =>
    `item ${item.number} of ${caseLabel(f.header)}` + (evidenceTitles ? `: ${item.metadata.title}` : "");
  const itemRef = (f: CaseFile, item: ItemRow) => ({
    caseNumber: f.header.caseNumber ?? null,
    number: item.number,
  });
  const title = (item: ItemRow) => (evidenceTitles ? item.metadata.title : "");
  const candidates = [
    ...current.items.map((item) => ({ file: current, item })),
    ...priorFiles.flatMap((file) =>
      file.items.filter((i) => cut && i.metadata.receivedOn > cut).map((item) => ({ file, item })),
    ),
  ];
  for (const { file, item } of candidates) {
    if (item.kind === "foreign_state_action") {
      const fsa = item.metadata.foreignStateAction;
      if (!fsa) continue;
      push(
        {
          refKind: "foreign_state_action",
          refId: item.id,
          caseId: file.header.id,
          summary: evidenceTitles ? (fsa.summary ?? item.metadata.title) : "",
          aroseOn: fsa.actedOn,
          item: itemRef(file, item),
          action: { action: fsa.action, state: fsa.state },
        },
        proposeDated(fsa.actedOn, cut, "the state acted"),
      );
      continue;
    }
    const hashes = file.hashes.get(item.id) ?? [];
    const same = hashes.length > 0 ? hashes.map((h) => considered.get(h)) : [];
    const identical = same.length > 0 && same.every((s) => s !== undefined) ? same[0]! : null;
    push(
      {
        refKind: "evidence",
        refId: item.id,
        caseId: file.header.id,
        summary: title(item),
        aroseOn: originOf(item),
        item: itemRef(file, item),
        earlier: identical
          ? {
              caseId: identical.file.header.id,
              caseNumber: identical.file.header.caseNumber ?? null,
              summary: title(identical.item),
              finding: null,
              item: itemRef(identical.file, identical.item),
              observation: null,
            }
          : null,
      },
      proposeEvidence(identical ? itemName(identical.file, identical.item) : null, originOf(item), cut),
    );
  }

  // Audience observations dated after the decision, on any capture of the person's files.
  if (cut) {
    const captures = [current, ...priorFiles].flatMap((file) =>
      file.items.filter((i) => i.kind === "social_media_capture").map((item) => ({ file, item })),
    );
    for (const { file, item } of captures) {
      const account = item.metadata.capture?.accountId ?? "";
      for (const o of item.metadata.observations) {
        if (o.observedOn <= cut) continue;
        // The last observation of the same account and metric before the decision.
        let before: { file: CaseFile; item: ItemRow; observedOn: string; value: number } | null = null;
        for (const c of captures) {
          if ((c.item.metadata.capture?.accountId ?? "") !== account) continue;
          for (const p of c.item.metadata.observations)
            if (p.metric === o.metric && p.observedOn <= cut && (!before || p.observedOn > before.observedOn))
              before = { ...c, observedOn: p.observedOn, value: p.value };
        }
        const capture = item.metadata.capture;
        const accountOf = (i: ItemRow) =>
          evidenceTitles ? (i.metadata.capture?.accountName ?? i.metadata.capture?.accountId ?? "") : "";
        push(
          {
            refKind: "audience",
            refId: `${item.id}/${o.metric}/${o.observedOn}`,
            caseId: file.header.id,
            summary: capture ? accountOf(item) : "",
            aroseOn: o.observedOn,
            item: itemRef(file, item),
            observation: { metric: o.metric, value: o.value, observedOn: o.observedOn },
            earlier: before
              ? {
                  caseId: before.file.header.id,
                  caseNumber: before.file.header.caseNumber ?? null,
                  summary: accountOf(before.item),
                  finding: null,
                  item: itemRef(before.file, before.item),
                  observation: { metric: o.metric, value: before.value, observedOn: before.observedOn },
                }
              : null,
          },
          proposeDated(o.observedOn, cut, "observed"),
        );
      }
    }
  }

  // Country information and the country's legal changes published since the decision.
  if (cut) {
    const profiles = await citedProfiles(
      tx,
      [current, ...priorFiles].map((f) => ({ officeId: f.header.officeId, caseId: f.header.id })),
    );
    const docs = await documentsSince(tx, header.nationality, cut, today);
    let listed = 0;
    for (const d of docs) {
      const legal = d.topics.some((t) => (LEGAL_TOPICS as readonly string[]).includes(t));
      if (!legal && profiles.size > 0 && !d.profiles.some((p) => profiles.has(p))) continue;
      if (!legal && listed >= COI_LIMIT) continue;
      if (!legal) listed++;
      push(
        {
          refKind: legal ? "law" : "coi",
          refId: d.id,
          caseId: null,
          summary: `${d.title} (${d.source}, ${d.publishedOn})`,
          aroseOn: d.publishedOn,
        },
        proposeDated(d.publishedOn, cut, "published"),
      );
    }
    const jurisdiction = ctx.profiles.get(header.profile)?.jurisdiction ?? null;
    for (const l of LAW_REFERENCES) {
      if (l.on <= cut || l.on > today) continue;
      const own = l.jurisdiction === jurisdiction;
      push(
        {
          refKind: "law",
          refId: l.key,
          caseId: null,
          summary: `${l.cite}: ${l.provides}`,
          aroseOn: l.on,
        },
        own
          ? proposeDated(l.on, cut, l.kind === "case_law" ? "decided" : "adopted")
          : {
              tag: null,
              code: "other_jurisdiction",
              why: `law of another jurisdiction (${l.jurisdiction}): relevant only when a policy of that jurisdiction is compared`,
            },
      );
    }
  }

  // The examiner's classification of each element.
  const tags = new Map(
    (await classificationsOf(tx, header.officeId, header.id)).map((r) => [`${r.refKind}/${r.refId}`, r]),
  );
  return {
    value: {
      caseId: header.id,
      filedOn,
      earlierCases,
      earlierDecisionOn: cut,
      lastFinalOn,
      surPlace: current.facts.some((f) => f.content.surPlace),
      elements: elements.map((e) => {
        const t = tags.get(`${e.refKind}/${e.refId}`);
        return {
          ...e,
          tag: t?.tag ?? null,
          withoutFault: t?.withoutFault ?? null,
          classifiedBy: t?.classifiedBy ?? null,
          classifiedAt: t?.classifiedAt ?? null,
        };
      }),
    },
    earlier: priorFiles.map((f) => ({ id: f.header.id, officeId: f.header.officeId })),
  };
}
