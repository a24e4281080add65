/**
 * A small hand-made history of re-applications with a known answer (the same eight as
 * src/reapplications/simulation/replay.test.ts), for the simulation's storage and API tests.
 *
 *      earlier ending      elements                      in fact        sur place  represented
 *   A  refused             fact arose after              recognized     yes        yes
 *   B  refused             evidence existed, not relied  humanitarian   yes        no
 *   C  refused             fact already considered       -              no         later only
 *   D  missed interviews   none recorded                 annulled       unknown    yes
 *   E  withdrawn           none recorded                 -              no         no
 *   F  (still pending)     fact arose after              -              no         no
 *   G  refused             COI, not classified           recognized     no         no
 *   H  refused             law arose after               -              no         no
 * All filed on 2020-03-02 at Seoul; X (2021) and the first applications are outside 2020.
 */
import { v7 as uuidv7 } from "uuid";
import type { AppContext } from "../../src/app/context.ts";
import type { Channel } from "../../src/kernel/procedure/profile.ts";
import type { NationalCase, NationalDataset } from "../../src/demo/national/generate.ts";
import { bulkLoadNational } from "../../src/demo/national/load.ts";
import type { EventInput } from "../../src/profiles/kr-refugee-act/script.ts";

export const HISTORY_TODAY = "2026-11-24";
const TODAY = HISTORY_TODAY;

const refused: EventInput[] = [
  {
    type: "decision_issued",
    occurredOn: "2019-08-20",
    outcome: "not_recognized",
    reasons: "A fictional ground.",
  },
  { type: "notice_served", occurredOn: "2019-08-26", method: "in_person" },
];
const missedThrice: EventInput[] = [
  { type: "summons_served", occurredOn: "2019-04-01", interviewOn: "2019-04-15", method: "post" },
  { type: "interview_missed", occurredOn: "2019-04-15" },
  { type: "summons_served", occurredOn: "2019-05-01", interviewOn: "2019-05-15", method: "post" },
  { type: "interview_missed", occurredOn: "2019-05-15" },
  { type: "summons_served", occurredOn: "2019-06-03", interviewOn: "2019-06-17", method: "post" },
  { type: "interview_missed", occurredOn: "2019-06-17" },
  { type: "review_terminated", occurredOn: "2019-06-20", reason: "no_show" },
];
const recognized: EventInput[] = [
  { type: "decision_issued", occurredOn: "2020-09-01", outcome: "recognized" },
];
const humanitarian: EventInput[] = [
  {
    type: "decision_issued",
    occurredOn: "2020-09-01",
    outcome: "not_recognized",
    humanitarianStay: true,
    reasons: "A fictional ground.",
  },
];
const annulled: EventInput[] = [
  {
    type: "decision_issued",
    occurredOn: "2020-08-03",
    outcome: "not_recognized",
    reasons: "A fictional ground.",
  },
  { type: "notice_served", occurredOn: "2020-08-05", method: "in_person" },
  {
    type: "suit_filed",
    occurredOn: "2020-09-01",
    court: "Seoul Administrative Court",
    level: 1,
    docketNo: "2020구단1",
  },
  {
    type: "judgment_issued",
    occurredOn: "2021-03-02",
    court: "Seoul Administrative Court",
    level: 1,
    docketNo: "2020구단1",
    outcome: "annulled",
  },
];

const person = (key: string, nationality: string) => ({
  key,
  names: [{ value: `Test Person ${key}`, script: "Latn" }],
  nationality,
});
const first = (
  key: string,
  personKey: string,
  events: EventInput[],
  filedOn = "2019-03-04",
): NationalCase => ({
  key,
  personKey,
  office: "seoul",
  channel: "in_country" as Channel,
  kind: "first",
  filedOn,
  priorCaseKeys: [],
  events,
});
const again = (
  key: string,
  personKey: string,
  prior: string,
  events: EventInput[],
  filedOn = "2020-03-02",
): NationalCase => ({
  ...first(key, personKey, events, filedOn),
  kind: "subsequent",
  priorCaseKeys: [prior],
});

/** The same eight re-applications as replay.test.ts, plus a first application and one filed in 2021. */
export const DATASET: NationalDataset = {
  persons: [
    person("a", "KHM"),
    person("b", "KHM"),
    person("c", "KHM"),
    person("d", "NGA"),
    person("e", "NGA"),
    person("f", "UZB"),
    person("g", "RUS"),
    person("h", "RUS"),
  ],
  cases: [
    first("pa", "a", refused),
    first("pb", "b", refused),
    first("pc", "c", refused),
    first("pd", "d", missedThrice),
    first("pe", "e", [{ type: "withdrawn", occurredOn: "2019-05-01" }]),
    first("pg", "g", refused),
    first("ph", "h", refused),
    first("pf", "f", [], "2019-12-02"),
    again("A", "a", "pa", recognized),
    again("B", "b", "pb", humanitarian),
    again("C", "c", "pc", []),
    again("D", "d", "pd", annulled),
    again("E", "e", "pe", []),
    again("F", "f", "pf", []),
    again("G", "g", "pg", recognized),
    again("H", "h", "ph", []),
    again("X", "h", "ph", [], "2021-02-01"),
  ],
  plans: [],
  rates: new Map(),
  end: TODAY,
};

export const ELEMENTS: Record<string, [kind: string, tag: string | null, withoutFault: boolean | null][]> = {
  A: [["fact", "arose_after", null]],
  B: [["evidence", "existed_not_relied_on", true]],
  C: [["fact", "already_considered", null]],
  F: [["fact", "arose_after", null]],
  G: [["coi", null, null]],
  H: [["law", "arose_after", null]],
};
export const SUR_PLACE: Record<string, boolean> = {
  A: true,
  B: true,
  C: false,
  E: false,
  F: false,
  G: false,
  H: false,
};

/** Load the history, its classification, claims and mandates; the case ids by letter. */
export async function loadHandMadeHistory(ctx: AppContext): Promise<Map<string, string>> {
  const ids = (await bulkLoadNational(ctx, DATASET, { asOf: TODAY, forceAppend: true })).caseIds;
  const id = (k: string) => ids.get(k) as string;
  const now = ctx.clock().toISOString();
  for (const [key, elements] of Object.entries(ELEMENTS))
    for (const [i, [kind, tag, withoutFault]] of elements.entries())
      await ctx.db.query(
        `INSERT INTO reapplication_elements (office_id, case_id, ref_kind, ref_id, tag, without_fault, classified_by, classified_at)
         VALUES ('seoul', $1, $2, $3, $4, $5, 'examiner-1', $6)`,
        [id(key), kind, `ref-${i}`, tag, withoutFault, now],
      );
  for (const [key, surPlace] of Object.entries(SUR_PLACE))
    await ctx.db.query(
      `INSERT INTO reapplication_claims (office_id, case_id, sur_place, updated_by, updated_at)
       VALUES ('seoul', $1, $2, 'examiner-1', $3)`,
      [id(key), surPlace, now],
    );
  // A and D were represented when they filed; C's representative came later.
  for (const [key, from] of [
    ["A", "2020-03-02"],
    ["D", "2020-02-20"],
    ["C", "2020-06-01"],
  ] as const)
    await ctx.db.query(
      `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, created_at, created_by)
       VALUES ('seoul', $1, $2, $3, $4, $5, 'clerk-1')`,
      [uuidv7(), id(key), uuidv7(), from, now],
    );
  return ids;
}
