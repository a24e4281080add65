/**
 * The demo's evidence, all of it fictional: the sur-place showcase case gets a document (a
 * summons, as a small PDF), a capture of the applicant's public profile on a social network with
 * two dated follower counts, and a request to repatriate him from his country of origin, which
 * places a removal hold on the case.
 */
import { Readable } from "node:stream";
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import type { EvidenceInput } from "../contracts/evidence.ts";
import { attachEvidence } from "../evidence/items/attach-evidence.ts";
import { createUpload } from "../evidence/uploads/create-upload.ts";
import { storeUpload } from "../evidence/uploads/store-upload.ts";
import { vaultOf } from "../evidence/vault/index.ts";
import { minimalPdf } from "./minimal-pdf.ts";

export interface DemoEvidence {
  item: Omit<EvidenceInput, "uploadIds">;
  files: { name: string; bytes: Buffer }[];
}

export const SUR_PLACE_EVIDENCE: readonly DemoEvidence[] = [
  {
    item: {
      kind: "document",
      title: "Summons from the district police (fictional)",
      description: "Handed over at the first interview; a copy sent to the applicant's family.",
      supplier: "applicant",
      receivedOn: "2022-02-21",
      channel: "interview",
      language: "km",
    },
    files: [
      {
        name: "summons-district-police.pdf",
        bytes: minimalPdf([
          "DEMO DOCUMENT - FICTIONAL",
          "District Police Commissariat",
          "Summons No. 0417/2021",
          "The person named below is summoned to appear for questioning",
          "about statements published on social networks.",
          "Name: Meas Vannak (fictional)",
        ]),
      },
    ],
  },
  {
    item: {
      kind: "social_media_capture",
      title: "Public profile of the applicant's opposition page (fictional)",
      supplier: "office",
      receivedOn: "2023-01-16",
      channel: "other",
      language: "km",
      capture: {
        platform: "facebook",
        accountId: "example.fictional.voice",
        accountName: "Fictional Voice of Democracy",
        url: "https://www.facebook.com/example.fictional.voice",
        visibility: "public",
        capturedBy: "demo-loader",
        capturedAt: "2023-01-16T01:30:00Z",
        tool: "browser print to PDF",
      },
      observations: [
        {
          observedOn: "2021-08-01",
          metric: "followers",
          value: 850,
          note: "as the applicant stated at filing",
        },
        { observedOn: "2023-01-16", metric: "followers", value: 12400 },
      ],
    },
    files: [
      {
        name: "profile-capture-2023-01-16.pdf",
        bytes: minimalPdf([
          "DEMO CAPTURE - FICTIONAL",
          "Fictional Voice of Democracy (@example.fictional.voice)",
          "12,400 followers",
          "Latest post: a livestream criticising the government, 2023-01-14",
        ]),
      },
    ],
  },
  {
    item: {
      kind: "foreign_state_action",
      title: "Request to repatriate the applicant (fictional)",
      supplier: "foreign_state",
      receivedOn: "2025-07-15",
      channel: "post",
      foreignStateAction: {
        action: "repatriation_request",
        state: "KHM",
        actedOn: "2025-07-10",
        channel: "diplomatic note to the Ministry of Foreign Affairs",
        summary: "Asks that the applicant be returned to answer charges of defamation (fictional).",
      },
    },
    files: [],
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

/**
 * Upload and attach the items to the case, as `actor`: the number of events appended (nothing when
 * no vault is set up).
 */
export async function attachDemoEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  evidence: readonly DemoEvidence[],
): Promise<number> {
  if (!hasVault(ctx)) return 0;
  let events = 0;
  for (const e of evidence) {
    const uploadIds: string[] = [];
    for (const f of e.files) {
      const upload = await createUpload(ctx, actor, caseId, { length: f.bytes.length, name: f.name });
      await storeUpload(ctx, actor, upload, Readable.from([f.bytes]));
      uploadIds.push(upload.id);
    }
    await attachEvidence(ctx, actor, caseId, { ...e.item, uploadIds });
    events += 1 + (e.item.observations?.length ?? 0);
  }
  return events;
}
