/**
 * The demo's returning activist (docs/what-is-new.md): a fictional Cambodian online opposition
 * activist whose first application in Seoul was refused, the objection dismissed and no suit
 * brought, so that the refusal became final in 2023. The earlier file holds what that decision
 * rested on: two material facts with the examiner's findings, the captures of the applicant's page
 * and of one post with the audience observed then, and a cited country report. After finality the
 * file grew: a much larger audience observed on the same page, newly captured posts, a request of
 * the home state to repatriate the applicant, and a newer country report on activists abroad.
 *
 * The demo opens no re-application for this person: intake registers them again under another
 * spelling of the name, the earlier person is proposed and confirmed, and the subsequent case
 * opened then shows all of this under "what is new". Everything here is fictional.
 */
import { Readable } from "node:stream";
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { citePassage } from "../coi/citations.ts";
import { AssessmentContentSchema } from "../contracts/examination.ts";
import type { EvidenceInput, ObservationInput } from "../contracts/evidence.ts";
import { addFact } from "../examination/facts.ts";
import { saveCaseAssessment } from "../examination/assessment.ts";
import { attachEvidence } from "../evidence/items/attach-evidence.ts";
import { observeAudience } from "../evidence/items/change-item.ts";
import { createUpload } from "../evidence/uploads/create-upload.ts";
import { storeUpload } from "../evidence/uploads/store-upload.ts";
import { vaultOf } from "../evidence/vault/index.ts";
import { FactInputSchema } from "../contracts/examination.ts";
import type { LegalDate } from "../kernel/calendar/dates.ts";
import { insertCoiDocuments, loadCoiLibrary, type DemoCoiDocument } from "./coi/library.ts";
import { minimalPdf } from "./minimal-pdf.ts";
import { fictionalAlienRegistration, type DemoPerson } from "./persons.ts";
import type { Showcase } from "./showcase.ts";

export const RETURNING_ACTIVIST_LABEL =
  "returning activist: refused and final, audience grown since, repatriation requested (re-applies at intake)";

const EXAMINER = "examiner-showcase-01";

/** The returning activist, in Khmer script, a Latin transliteration and a Hangul transcription. */
export const RETURNING_ACTIVIST_PERSON: Omit<DemoPerson, "key"> = {
  names: [
    { value: "សុខ ចាន់ដារ៉ា", script: "Khmr", kind: "primary" },
    { value: "Sok Chandara", script: "Latn", kind: "latin_transliteration" },
    { value: "속 찬다라", script: "Hang", kind: "hangul_transcription" },
  ],
  birthDate: "1994-08-22",
  sex: "female",
  nationality: "KHM",
  identifiers: [
    { kind: "passport", value: "P01845527" },
    { kind: "alien_registration", value: fictionalAlienRegistration("1994-08-22", true, 2) },
  ],
  languages: ["km"],
};

/** The dates of the earlier case, fixed (the demo's `today` is always later than these). */
export const RETURNING_ACTIVIST_DATES = {
  filed: "2021-09-06",
  decided: "2022-08-05",
  served: "2022-08-10",
  objectionDecided: "2023-02-14",
  objectionServed: "2023-02-20",
  /** after finality: the grown audience, the new posts, the request to repatriate */
  audienceGrown: "2025-11-03",
  newPostsReceived: "2025-11-03",
  repatriationRequested: "2025-12-08",
  repatriationReceived: "2025-12-15",
  newerCoi: "2025-11-20",
} as const satisfies Record<string, LegalDate>;

const D = RETURNING_ACTIVIST_DATES;

/** The earlier case: refused, objection dismissed, no suit: final once the 90 days to sue ran out. */
export const RETURNING_ACTIVIST_SHOWCASE: Showcase = {
  label: RETURNING_ACTIVIST_LABEL,
  nationality: "KHM",
  channel: "in_country",
  office: "seoul",
  filed: D.filed,
  person: RETURNING_ACTIVIST_PERSON,
  write(c) {
    const s = c.story;
    s.add("summons_served", "2022-01-10", { interviewOn: "2022-01-25", method: "post" });
    s.add("interview_held", "2022-01-25", {
      examinerId: EXAMINER,
      interpreter: { language: "km", sex: "female", relay: false },
      recorded: true,
      readBack: true,
    });
    s.add("decision_issued", D.decided, {
      outcome: "not_recognized",
      reasons:
        "The applicant's posts reached a small audience; it is not established that they came to the attention of the authorities of the country of origin.",
      examinerId: EXAMINER,
    });
    s.add("notice_served", D.served, { method: "in_person" });
    s.add("objection_filed", "2022-08-25", {
      filedBy: "applicant",
      grounds: "The applicant's page is growing and her family has been questioned about it.",
    });
    s.add("objection_decided", D.objectionDecided, {
      outcome: "dismissed",
      panel: "committee-panel-1",
      reasons: "The objection raises nothing that changes the findings of the first-instance decision.",
    });
    s.add("objection_notice_served", D.objectionServed, { method: "post" });
  },
};

/** The material facts of the earlier claim, with the finding the earlier examiner made on each. */
export const RETURNING_ACTIVIST_FACTS = [
  {
    fact: {
      statement:
        "Since 2020 the applicant has run a public page criticising the government of Cambodia, from Korea.",
      period: "since 2020",
      place: "Republic of Korea",
      grounds: ["political_opinion"],
      surPlace: true,
    },
    finding: "accepted",
  },
  {
    fact: {
      statement: "In October 2021 the district police questioned the applicant's mother about the page.",
      occurredOn: "2021-10-14",
      place: "Siem Reap",
      grounds: ["political_opinion"],
      actor: "district police",
      surPlace: true,
    },
    finding: "rejected",
  },
] as const;

interface ActivistEvidence {
  item: Omit<EvidenceInput, "uploadIds">;
  files: { name: string; bytes: Buffer }[];
}

/** The page capture, with the audience observed before the earlier decision. */
const PAGE_CAPTURE: ActivistEvidence = {
  item: {
    kind: "social_media_capture",
    title: "Public page of the applicant (fictional)",
    supplier: "applicant",
    receivedOn: "2022-01-25",
    channel: "interview",
    language: "km",
    capture: {
      platform: "facebook",
      accountId: "example.fictional.chandara",
      accountName: "Chandara Speaks (fictional)",
      url: "https://www.facebook.com/example.fictional.chandara",
      visibility: "public",
      capturedBy: EXAMINER,
      capturedAt: "2022-01-25T02:00:00Z",
      tool: "browser print to PDF",
    },
    observations: [
      {
        observedOn: "2021-09-06",
        metric: "followers",
        value: 640,
        note: "as the applicant stated at filing",
      },
      { observedOn: "2022-01-25", metric: "followers", value: 1150 },
    ],
  },
  files: [
    {
      name: "page-capture-2022-01-25.pdf",
      bytes: minimalPdf([
        "DEMO CAPTURE - FICTIONAL",
        "Chandara Speaks (@example.fictional.chandara)",
        "1,150 followers",
      ]),
    },
  ],
};

/** A post considered in the earlier decision. */
export const EARLIER_POST_BYTES = minimalPdf([
  "DEMO CAPTURE - FICTIONAL",
  "Chandara Speaks, post of 2021-11-20",
  "Calls for the release of detained opposition members.",
]);

const EARLIER_POST: ActivistEvidence = {
  item: {
    kind: "social_media_capture",
    title: "Post calling for the release of detained opposition members (fictional)",
    supplier: "applicant",
    receivedOn: "2022-01-25",
    channel: "interview",
    language: "km",
    capture: {
      platform: "facebook",
      accountId: "example.fictional.chandara",
      postId: "1020211120",
      url: "https://www.facebook.com/example.fictional.chandara/posts/1020211120",
      publishedAt: "2021-11-20T11:00:00Z",
      visibility: "public",
      capturedBy: EXAMINER,
      capturedAt: "2022-01-25T02:10:00Z",
      tool: "browser print to PDF",
    },
  },
  files: [{ name: "post-2021-11-20.pdf", bytes: EARLIER_POST_BYTES }],
};

/** After finality: newly captured posts (a livestream naming officials), with their audience. */
const NEW_POSTS: ActivistEvidence = {
  item: {
    kind: "social_media_capture",
    title: "Livestreams naming provincial officials, October 2025 (fictional)",
    supplier: "applicant",
    receivedOn: D.newPostsReceived,
    channel: "post",
    language: "km",
    capture: {
      platform: "facebook",
      accountId: "example.fictional.chandara",
      postId: "1020251012",
      url: "https://www.facebook.com/example.fictional.chandara/videos/1020251012",
      publishedAt: "2025-10-12T12:30:00Z",
      visibility: "public",
      capturedBy: "the applicant's representative",
      capturedAt: "2025-11-01T03:00:00Z",
      tool: "Webrecorder",
    },
    observations: [{ observedOn: "2025-11-01", metric: "views", value: 212_000 }],
  },
  files: [
    {
      name: "livestreams-2025-10.pdf",
      bytes: minimalPdf([
        "DEMO CAPTURE - FICTIONAL",
        "Chandara Speaks, livestreams of October 2025",
        "Names provincial officials; 212,000 views",
      ]),
    },
  ],
};

/** After finality: the home state asks Korea to return the applicant. */
const REPATRIATION_REQUEST: ActivistEvidence = {
  item: {
    kind: "foreign_state_action",
    title: "Request to repatriate the applicant (fictional)",
    supplier: "foreign_state",
    receivedOn: D.repatriationReceived,
    channel: "post",
    foreignStateAction: {
      action: "repatriation_request",
      state: "KHM",
      actedOn: D.repatriationRequested,
      channel: "diplomatic note to the Ministry of Foreign Affairs",
      summary:
        "Asks that the applicant be returned to stand trial for incitement over her posts (fictional).",
    },
  },
  files: [],
};

/** After finality: the page's audience, observed again. */
const GROWN_AUDIENCE: ObservationInput = {
  observedOn: D.audienceGrown,
  metric: "followers",
  value: 46_800,
  note: "as captured by the applicant's representative",
};

/** Two country reports (fictional sources): one cited in the earlier decision, one published since. */
export const RETURNING_ACTIVIST_COI: readonly DemoCoiDocument[] = [
  {
    source: "Mekong Rights Monitor",
    title: "Cambodia: monitoring of government critics abroad (2021)",
    author: "Research team",
    publishedOn: "2021-12-01",
    accessedOn: "2022-07-20",
    url: "https://mekong-rights.example.org/reports/khm-critics-abroad-2021",
    country: "KHM",
    language: "en",
    topics: ["transnational_repression"],
    profiles: ["opposition_activists_abroad"],
    passages: [
      {
        text: "Critics abroad with a large following were reported to be monitored; the monitor found no case of a critic with a small audience being prosecuted in 2021.",
        locator: "p. 4",
      },
      {
        text: "Relatives of some critics abroad were visited by the police and asked about the critics' activities.",
        locator: "p. 6",
      },
    ],
  },
  {
    source: "Global Returnee Network",
    title: "Cambodia: treatment of online activists abroad and of returnees (2025)",
    author: "Country analysis unit",
    publishedOn: D.newerCoi,
    accessedOn: "2025-12-01",
    url: "https://returnee-network.example.org/reports/khm-activists-abroad-2025",
    country: "KHM",
    language: "en",
    topics: ["transnational_repression", "freedom_of_expression"],
    profiles: ["opposition_activists_abroad"],
    passages: [
      {
        text: "Since 2024 the authorities have asked host states by diplomatic note to return online critics, naming them as fugitives charged with incitement.",
        locator: "p. 3",
      },
      {
        text: "Activists returned after such a request were detained on arrival and held before trial; several had audiences of tens of thousands.",
        locator: "p. 5",
      },
    ],
  },
];

/** Whether the application has a vault (a test's may not). */
function hasVault(ctx: AppContext): boolean {
  try {
    vaultOf(ctx);
    return true;
  } catch {
    return false;
  }
}

async function attach(ctx: AppContext, actor: Actor, caseId: string, e: ActivistEvidence): Promise<string> {
  const uploadIds: string[] = [];
  for (const f of e.files) {
    const upload = await createUpload(ctx, actor, caseId, { length: f.bytes.length, name: f.name });
    await storeUpload(ctx, actor, upload, Readable.from([f.bytes]));
    uploadIds.push(upload.id);
  }
  return (await attachEvidence(ctx, actor, caseId, { ...e.item, uploadIds })).item.id;
}

/**
 * The activist's evidence in the earlier case, as of `today` (what is dated later is left out):
 * the captures considered in the decision, and after finality the grown audience, the new posts and
 * the request to repatriate. Nothing when the application has no vault. Returns the items attached.
 */
export async function attachReturningActivistEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  today: LegalDate,
): Promise<number> {
  if (!hasVault(ctx)) return 0;
  const page = await attach(ctx, actor, caseId, PAGE_CAPTURE);
  await attach(ctx, actor, caseId, EARLIER_POST);
  let n = 2;
  if (GROWN_AUDIENCE.observedOn <= today) await observeAudience(ctx, actor, caseId, page, GROWN_AUDIENCE);
  for (const later of [NEW_POSTS, REPATRIATION_REQUEST])
    if (later.item.receivedOn <= today) {
      await attach(ctx, actor, caseId, later);
      n += 1;
    }
  return n;
}

/** Put the two country reports in the library (once), the demo's generated library first. */
async function loadActivistCoi(ctx: AppContext, today: LegalDate): Promise<string | null> {
  await loadCoiLibrary(ctx);
  const docs = RETURNING_ACTIVIST_COI.filter((d) => d.publishedOn <= today);
  const present = await ctx.db.query<{ url: string }>(`SELECT url FROM coi_documents WHERE url = ANY($1)`, [
    docs.map((d) => d.url),
  ]);
  const missing = docs.filter((d) => !present.some((p) => p.url === d.url));
  if (missing.length > 0)
    await ctx.db.transaction((tx) => insertCoiDocuments(tx, missing, ctx.clock(), "demo"));
  const [cited] = await ctx.db.query<{ id: string }>(
    `SELECT p.id FROM coi_passages p JOIN coi_documents d ON d.id = p.document_id
      WHERE d.url = $1 ORDER BY p.position LIMIT 1`,
    [RETURNING_ACTIVIST_COI[0]!.url],
  );
  return cited?.id ?? null;
}

/**
 * The earlier file's examination record: the material facts with the earlier findings, and the
 * cited country report; then the evidence (when there is a vault). Returns the records made.
 */
export async function completeReturningActivist(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  today: LegalDate,
): Promise<number> {
  const findings = [];
  for (const f of RETURNING_ACTIVIST_FACTS) {
    const fact = await addFact(ctx, actor, caseId, FactInputSchema.parse(f.fact));
    findings.push({ factId: fact.id, finding: f.finding });
  }
  await saveCaseAssessment(
    ctx,
    actor,
    caseId,
    AssessmentContentSchema.parse({
      identity: { finding: "established" },
      facts: findings,
      risk: {
        audience: "About 1,150 followers when the applicant was interviewed.",
        attention: "No sign that the page came to the authorities' attention.",
      },
      conclusion: { outcome: "not_recognized" },
    }),
    undefined,
  );
  const passage = await loadActivistCoi(ctx, today);
  if (passage) await citePassage(ctx, actor, caseId, { passageId: passage });
  return (
    findings.length +
    1 +
    (passage ? 1 : 0) +
    (await attachReturningActivistEvidence(ctx, actor, caseId, today))
  );
}
