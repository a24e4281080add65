/**
 * Load the generated demo dataset into OpenRSD through the same commands a user's requests go
 * through (in process, for `serve --demo` and `openrsd demo`), so every demo record is
 * one the procedure accepted.
 */
import type { AppContext } from "../app/context.ts";
import type { Actor } from "../app/actor.ts";
import { systemPrincipal } from "../security/access/policy.ts";
import { createPerson } from "../persons/create-person.ts";
import { openCase } from "../cases/open-case.ts";
import { recordInProcess } from "../cases/record-event.ts";
import type { CaseOpen, PersonInput } from "../contracts/api.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import { attachDemoEvidence, SUR_PLACE_EVIDENCE, type DemoEvidence } from "./evidence.ts";
import {
  generateDemoDataset,
  RETURNING_ACTIVIST_LABEL,
  SUR_PLACE_LABEL,
  type DemoPerson,
} from "./generate.ts";
import { completeReturningActivist } from "./returning-activist.ts";
import { insertReapplicationRows } from "./national/reapplication-rows.ts";
import { drawReapplication, type DemoReapplication } from "./national/reapplications.ts";

export interface DemoTarget {
  createPerson(p: PersonInput): Promise<string>;
  openCase(c: CaseOpen): Promise<{ id: string; version: number }>;
  recordEvent(caseId: string, version: number, event: Record<string, unknown>): Promise<number>;
  /** Attach evidence items to a case (a target without evidence storage leaves this out). */
  attachEvidence?(caseId: string, evidence: readonly DemoEvidence[]): Promise<number>;
  /** The returning activist's earlier file: facts, findings, cited COI, evidence (in process only). */
  completeReturningActivist?(caseId: string, today: string): Promise<number>;
  /**
   * What a re-application brought, as an examiner classified it (docs/what-is-new.md), so that a
   * simulation of a re-application policy has something to read (in process only).
   */
  classifyReapplication?(
    caseId: string,
    office: string,
    filedOn: string,
    r: DemoReapplication,
  ): Promise<void>;
}

/**
 * The demo's records made in process by `name`. An event that takes protection away (a
 * cancellation, a withdrawal, a final judgment...) goes through four eyes like a person's: `name`
 * drafts it and `<name>-reviewer` approves it (docs/security.md requirement 18).
 */
export function inProcessTarget(ctx: AppContext, name: string): DemoTarget {
  const actor: Actor = { principal: systemPrincipal(name), address: "local" };
  const approver: Actor = { principal: systemPrincipal(`${name}-reviewer`), address: "local" };
  return {
    createPerson: async (p) => (await createPerson(ctx, actor, p)).id,
    openCase: async (c) => openCase(ctx, actor, c),
    recordEvent: async (id, version, e) =>
      (await recordInProcess(ctx, { author: actor, approver }, id, version, e)).version,
    attachEvidence: (id, evidence) => attachDemoEvidence(ctx, actor, id, evidence),
    completeReturningActivist: (id, today) => completeReturningActivist(ctx, actor, id, today),
    classifyReapplication: (caseId, office, filedOn, r) =>
      ctx.db.transaction((tx) =>
        insertReapplicationRows(tx, [{ officeId: office, caseId, filedOn, ...r, represented: false }], {
          by: name,
          at: new Date().toISOString(),
          representativeId: "",
        }),
      ),
  };
}

function personInput(p: DemoPerson): PersonInput {
  const { key: _key, ...rest } = p;
  return rest;
}

export async function loadDemo(
  target: DemoTarget,
  options: {
    cases?: number;
    seed?: number;
    today: string;
    calendar: HolidayCalendar;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ persons: number; cases: number; events: number }> {
  const dataset = generateDemoDataset({
    today: options.today,
    calendar: options.calendar,
    ...(options.cases ? { cases: options.cases } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
  });
  const personIds = new Map<string, string>();
  for (const p of dataset.persons) personIds.set(p.key, await target.createPerson(personInput(p)));
  const caseIds = new Map<string, string>();
  const byKey = new Map(dataset.cases.map((c) => [c.key, c]));
  let events = 0;
  let done = 0;
  for (const c of dataset.cases) {
    const personId = personIds.get(c.personKey);
    if (!personId) throw new Error(`demo case ${c.key} names an unknown person`);
    const opened = await target.openCase({
      personId,
      office: c.office,
      channel: c.channel,
      kind: c.kind,
      filedOn: c.filedOn,
      priorCaseIds: c.priorCaseKeys.map((k) => {
        const id = caseIds.get(k);
        if (!id) throw new Error(`demo case ${c.key} names an unknown prior case`);
        return id;
      }),
    });
    caseIds.set(c.key, opened.id);
    let version = opened.version;
    for (const e of c.events) {
      version = await target.recordEvent(opened.id, version, e);
      events++;
    }
    if (c.label === SUR_PLACE_LABEL && target.attachEvidence) {
      events += await target.attachEvidence(opened.id, SUR_PLACE_EVIDENCE);
    }
    if (c.label === RETURNING_ACTIVIST_LABEL && target.completeReturningActivist) {
      events += await target.completeReturningActivist(opened.id, options.today);
    }
    if (c.kind === "subsequent" && target.classifyReapplication) {
      // The earlier decision counts as final on the last day recorded in the earlier case before
      // this filing (near enough for the demo: its history ends with the finality).
      const earlier = c.priorCaseKeys
        .flatMap((k) => byKey.get(k)?.events ?? [])
        .map((e) => e.occurredOn)
        .filter((d) => d < c.filedOn)
        .sort();
      const seed = [...c.key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
      const drawn = drawReapplication(seed, c.filedOn, earlier.at(-1) ?? null, c.events);
      await target.classifyReapplication(opened.id, c.office, c.filedOn, drawn);
    }
    options.onProgress?.(++done, dataset.cases.length);
  }
  return {
    persons: dataset.persons.length,
    cases: dataset.cases.length,
    events: events + dataset.cases.length,
  };
}
