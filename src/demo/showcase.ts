/**
 * Hand-written demo cases. Most are dated back from `today`, so that every stage of the procedure
 * is present whatever day the dataset is generated (a port application still in screening, a
 * decision not yet served, an objection whose decision awaits notice, cases before each court
 * level…). One follows fixed dates: a sur-place case shaped like the Seoul High Court's 2025
 * ruling, with a fictional applicant.
 */
import { addDays, type LegalDate } from "../kernel/calendar/dates.ts";
import type { Channel } from "../kernel/procedure/profile.ts";
import { courtsFor, type Dockets } from "./courts.ts";
import { fictionalAlienRegistration, type DemoPerson } from "./persons.ts";
import type { Story } from "./story.ts";

export const SUR_PLACE_LABEL =
  "sur-place: online opposition activist (shaped like the 2025 Seoul High Court ruling)";

/** The earliest `today` for which the showcase cases (which reach up to 1,400 days back) start in 2019 or later. */
export const MIN_TODAY = "2023-01-01";

export interface ShowcaseContext {
  story: Story;
  dockets: Dockets;
  /** `today` minus `n` days. */
  ago(n: number): LegalDate;
}

export interface Showcase {
  label: string;
  nationality: string;
  channel: Channel;
  office: string;
  /** Days before today on which the application was filed, or a fixed date. */
  filed: number | LegalDate;
  /** A hand-written applicant; otherwise one is drawn for the nationality. */
  person?: Omit<DemoPerson, "key">;
  write(c: ShowcaseContext): void;
}

const EXAMINER = "examiner-showcase-01";

function interview(
  c: ShowcaseContext,
  summonsOn: LegalDate,
  interviewOn: LegalDate,
  language: string,
  sex?: "female" | "male",
): void {
  c.story.add("summons_served", summonsOn, { interviewOn, method: "post" });
  c.story.add("interview_held", interviewOn, {
    examinerId: EXAMINER,
    interpreter: { language, ...(sex ? { sex } : {}), relay: false },
    recorded: true,
    readBack: true,
  });
}

function refuse(
  c: ShowcaseContext,
  decidedOn: LegalDate,
  servedOn: LegalDate | null,
  extra: Record<string, unknown> = {},
): void {
  c.story.add("decision_issued", decidedOn, {
    outcome: "not_recognized",
    reasons: "No well-founded fear of persecution established on the facts found.",
    examinerId: EXAMINER,
    ...extra,
  });
  if (servedOn) c.story.add("notice_served", servedOn, { method: "in_person" });
}

function objectionDismissed(
  c: ShowcaseContext,
  filedOn: LegalDate,
  decidedOn: LegalDate,
  servedOn: LegalDate | null,
  extra: Record<string, unknown> = {},
): void {
  c.story.add("objection_filed", filedOn, {
    filedBy: "representative",
    representative: "Fictional Law Office (attorney on record)",
    grounds:
      "The decision called the applicant's online activity minimal; its reach and the home government's attention to it were not examined.",
  });
  c.story.add("objection_decided", decidedOn, {
    outcome: "dismissed",
    panel: "committee-panel-2",
    reasons: "The objection raises nothing that changes the findings of the first-instance decision.",
    ...extra,
  });
  if (servedOn) c.story.add("objection_notice_served", servedOn, { method: "post" });
}

function suit(c: ShowcaseContext, on: LegalDate): string {
  const docketNo = c.dockets.next(1, on);
  c.story.add("suit_filed", on, { court: courtsFor(c.story.filing.office).first, level: 1, docketNo });
  return docketNo;
}

function judgment(
  c: ShowcaseContext,
  on: LegalDate,
  level: 1 | 2 | 3,
  docketNo: string,
  outcome: string,
): void {
  const courts = courtsFor(c.story.filing.office);
  const court = level === 1 ? courts.first : level === 2 ? courts.high : courts.supreme;
  c.story.add("judgment_issued", on, { court, level, docketNo, outcome });
}

function serve(c: ShowcaseContext, level: 1 | 2 | 3, applicantOn: LegalDate, authorityOn: LegalDate): void {
  const both = [
    { party: "applicant", on: applicantOn },
    { party: "authority", on: authorityOn },
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const s of both) c.story.add("judgment_served", s.on, { party: s.party, level });
}

function appeal(c: ShowcaseContext, on: LegalDate, by: "applicant" | "authority", level: 2 | 3): string {
  const courts = courtsFor(c.story.filing.office);
  const docketNo = c.dockets.next(level, on);
  c.story.add("appeal_filed", on, { by, level, court: level === 2 ? courts.high : courts.supreme, docketNo });
  return docketNo;
}

/** The sur-place case: a fictional Cambodian applicant whose online opposition activity began in Korea. */
const SUR_PLACE_PERSON: Omit<DemoPerson, "key"> = {
  names: [
    { value: "មាស វណ្ណៈ", script: "Khmr", kind: "primary" },
    { value: "Meas Vannak", script: "Latn", kind: "latin_transliteration" },
    { value: "메아스 반낙", script: "Hang", kind: "hangul_transcription" },
  ],
  birthDate: "1991-03-17",
  sex: "male",
  nationality: "KHM",
  identifiers: [
    { kind: "passport", value: "P00731942" },
    { kind: "alien_registration", value: fictionalAlienRegistration("1991-03-17", false, 1) },
  ],
  languages: ["km"],
};

export const SHOWCASES: readonly Showcase[] = [
  {
    label: SUR_PLACE_LABEL,
    nationality: "KHM",
    channel: "in_country",
    office: "seoul",
    filed: "2021-06-14",
    person: SUR_PLACE_PERSON,
    write(c) {
      const s = c.story;
      const originalDue = s.due("first_instance_decision", s.filedOn);
      s.add("decision_extended", "2021-11-30", { newDueOn: s.due("first_instance_extension", originalDue) });
      interview(c, "2022-02-21", "2022-03-08", "km", "male");
      interview(c, "2022-09-05", "2022-09-20", "km", "male");
      refuse(c, "2023-02-03", "2023-02-08", {
        reasons:
          "The applicant's online criticism of the government, begun in Korea, is not found to have come to the attention of the authorities of the country of origin.",
      });
      objectionDismissed(c, "2023-02-24", "2023-08-10", "2023-08-18");
      const first = suit(c, "2023-10-30");
      judgment(c, "2024-05-23", 1, first, "claim_dismissed");
      serve(c, 1, "2024-05-28", "2024-05-27");
      const high = appeal(c, "2024-06-05", "applicant", 2);
      // The High Court finds that the applicant's sur-place activity exposes him to persecution.
      judgment(c, "2025-06-19", 2, high, "annulled");
      serve(c, 2, "2025-06-23", "2025-06-24");
      // The applicant waives; the authority lets its two weeks pass: final, and a redecision is due.
      s.add("appeal_waived", "2025-06-25", { by: "applicant", level: 3 });
    },
  },
  {
    label: "showcase: port-of-entry application in screening",
    nationality: "RUS",
    channel: "port_of_entry",
    office: "incheon-airport",
    filed: 2,
    write() {},
  },
  {
    label: "showcase: deemed admitted (no referral decision within 7 days)",
    nationality: "EGY",
    channel: "port_of_entry",
    office: "incheon-airport",
    filed: 75,
    write(c) {
      interview(c, c.ago(20), c.ago(6), "ar");
    },
  },
  {
    label: "showcase: not referred at the port, not challenged",
    nationality: "PAK",
    channel: "port_of_entry",
    office: "incheon-airport",
    filed: 400,
    write(c) {
      c.story.add("referral_decided", c.ago(397), { referred: false, nonReferralGround: 7 });
      c.story.add("notice_served", c.ago(397), { method: "in_person" });
    },
  },
  {
    label: "showcase: suit brought while the objection is pending, support extended",
    nationality: "MMR",
    channel: "in_country",
    office: "seoul",
    filed: 520,
    write(c) {
      interview(c, c.ago(470), c.ago(456), "my");
      // Living-cost support runs six months from filing; extended before it ends (RD 17(1)).
      c.story.add("living_support_extended", c.ago(345), { untilOn: c.ago(250), ground: "unable_to_work" });
      refuse(c, c.ago(300), c.ago(296));
      c.story.add("objection_filed", c.ago(280));
      // The objection is optional (ALA 18(1)): the applicant also sues while it is pending.
      suit(c, c.ago(150));
    },
  },
  {
    label: "showcase: examination with an extension, a missed interview and a summons pending",
    nationality: "KAZ",
    channel: "in_country",
    office: "seoul",
    filed: 420,
    write(c) {
      const s = c.story;
      interview(c, c.ago(300), c.ago(285), "ru");
      const originalDue = s.due("first_instance_decision", s.filedOn);
      s.add("decision_extended", addDays(originalDue, -20), {
        newDueOn: s.due("first_instance_extension", originalDue),
      });
      s.add("summons_served", c.ago(120), { interviewOn: c.ago(106), method: "post" });
      s.add("interview_missed", c.ago(106));
      s.add("summons_served", c.ago(12), { interviewOn: c.ago(-9), method: "phone" });
    },
  },
  {
    label: "showcase: refusal decided, notice not yet served",
    nationality: "CHN",
    channel: "in_country",
    office: "seoul",
    filed: 560,
    write(c) {
      interview(c, c.ago(320), c.ago(300), "zh");
      refuse(c, c.ago(2), null);
    },
  },
  {
    label: "showcase: refusal served, objection period running",
    nationality: "KGZ",
    channel: "in_country",
    office: "busan",
    filed: 700,
    write(c) {
      interview(c, c.ago(500), c.ago(486), "ky");
      refuse(c, c.ago(25), c.ago(18));
    },
  },
  {
    label: "showcase: objection pending, decision period extended, committee hearing held",
    nationality: "MMR",
    channel: "in_country",
    office: "seoul",
    filed: 900,
    write(c) {
      const s = c.story;
      interview(c, c.ago(700), c.ago(686), "my");
      refuse(c, c.ago(330), c.ago(322));
      s.add("objection_filed", c.ago(300));
      const due = s.due("objection_decision", c.ago(300));
      s.add("objection_extended", c.ago(200), { newDueOn: s.due("objection_extension", due) });
      s.add("committee_hearing_held", c.ago(40), {
        members: ["위원장 A", "위원 B", "위원 C", "위원 D"],
        minutes:
          "The applicant's representative was heard; the members asked about the activity since the refusal.",
      });
    },
  },
  {
    label: "showcase: objection dismissed, notice not yet served",
    nationality: "BGD",
    channel: "in_country",
    office: "seoul",
    filed: 800,
    write(c) {
      interview(c, c.ago(600), c.ago(586), "bn");
      refuse(c, c.ago(420), c.ago(415));
      objectionDismissed(c, c.ago(400), c.ago(4), null);
    },
  },
  {
    label: "showcase: suit pending before the Seoul Administrative Court, removal request barred",
    nationality: "NGA",
    channel: "in_country",
    office: "seoul",
    filed: 1100,
    write(c) {
      interview(c, c.ago(900), c.ago(886), "en");
      refuse(c, c.ago(600), c.ago(596));
      objectionDismissed(c, c.ago(580), c.ago(330), c.ago(322));
      suit(c, c.ago(260));
      c.story.add("removal_requested", c.ago(100), { requestedBy: "immigration enforcement" });
    },
  },
  {
    label: "showcase: refusal annulled at first instance, authority appeals, applicant waived",
    nationality: "UGA",
    channel: "in_country",
    office: "seoul",
    filed: 1300,
    write(c) {
      interview(c, c.ago(1100), c.ago(1086), "en", "female");
      refuse(c, c.ago(900), c.ago(895));
      objectionDismissed(c, c.ago(880), c.ago(700), c.ago(693));
      const first = suit(c, c.ago(640));
      judgment(c, c.ago(250), 1, first, "annulled");
      serve(c, 1, c.ago(245), c.ago(244));
      c.story.add("appeal_waived", c.ago(243), { by: "applicant", level: 2 });
      appeal(c, c.ago(235), "authority", 2);
    },
  },
  {
    label: "showcase: appeal pending before the Supreme Court, record received",
    nationality: "IRN",
    channel: "in_country",
    office: "seoul",
    filed: 1400,
    write(c) {
      interview(c, c.ago(1250), c.ago(1236), "fa");
      refuse(c, c.ago(1100), c.ago(1095));
      const first = suit(c, c.ago(1030));
      judgment(c, c.ago(700), 1, first, "claim_dismissed");
      serve(c, 1, c.ago(694), c.ago(695));
      const high = appeal(c, c.ago(685), "applicant", 2);
      judgment(c, c.ago(140), 2, high, "claim_dismissed");
      serve(c, 2, c.ago(136), c.ago(135));
      appeal(c, c.ago(125), "applicant", 3);
      c.story.add("record_received", c.ago(100), { level: 3 });
      c.story.add("record_receipt_notified", c.ago(98), { party: "applicant", level: 3 });
      c.story.add("appeal_grounds_filed", c.ago(82), { by: "applicant", level: 3 });
    },
  },
  {
    label: "showcase: remanded by the Supreme Court, High Court annuls again, appeal period running",
    nationality: "AFG",
    channel: "in_country",
    office: "seoul",
    filed: 1400,
    write(c) {
      interview(c, c.ago(1300), c.ago(1286), "prs");
      refuse(c, c.ago(1150), c.ago(1146));
      objectionDismissed(c, c.ago(1130), c.ago(960), c.ago(955));
      const first = suit(c, c.ago(900));
      judgment(c, c.ago(620), 1, first, "claim_dismissed");
      serve(c, 1, c.ago(615), c.ago(614));
      const high = appeal(c, c.ago(605), "applicant", 2);
      judgment(c, c.ago(400), 2, high, "claim_dismissed");
      serve(c, 2, c.ago(396), c.ago(395));
      const supreme = appeal(c, c.ago(385), "applicant", 3);
      c.story.add("record_received", c.ago(360), { level: 3 });
      c.story.add("record_receipt_notified", c.ago(358), { party: "applicant", level: 3 });
      c.story.add("appeal_grounds_filed", c.ago(345), { by: "applicant", level: 3 });
      judgment(c, c.ago(200), 3, supreme, "remanded");
      serve(c, 3, c.ago(195), c.ago(194));
      judgment(c, c.ago(12), 2, c.dockets.next(2, c.ago(12)), "annulled");
      serve(c, 2, c.ago(8), c.ago(7));
    },
  },
  {
    label: "showcase: recognized at first instance",
    nationality: "ETH",
    channel: "in_country",
    office: "seoul",
    filed: 1000,
    write(c) {
      interview(c, c.ago(800), c.ago(786), "am", "female");
      c.story.add("decision_issued", c.ago(500), {
        outcome: "recognized",
        reasons: "Well-founded fear of persecution for political opinion.",
        examinerId: EXAMINER,
      });
      c.story.add("notice_served", c.ago(495), { method: "in_person" });
    },
  },
  {
    label: "showcase: refused with a humanitarian stay, final",
    nationality: "SYR",
    channel: "in_country",
    office: "seoul",
    filed: 900,
    write(c) {
      interview(c, c.ago(750), c.ago(736), "ar");
      refuse(c, c.ago(600), c.ago(596), {
        humanitarianStay: true,
        reasons:
          "Not a refugee, but there are substantial grounds to believe that removal would expose the applicant to serious harm (armed conflict).",
      });
    },
  },
  {
    label: "showcase: humanitarian stay granted on objection, final",
    nationality: "YEM",
    channel: "in_country",
    office: "jeju",
    filed: 1390,
    write(c) {
      interview(c, c.ago(1330), c.ago(1316), "ar");
      refuse(c, c.ago(1200), c.ago(1195));
      objectionDismissed(c, c.ago(1180), c.ago(1000), c.ago(994), { humanitarianStay: true });
    },
  },
  {
    label: "showcase: refused, objection dismissed, no suit: final",
    nationality: "KAZ",
    channel: "in_country",
    office: "incheon",
    filed: 1000,
    write(c) {
      interview(c, c.ago(850), c.ago(836), "ru");
      refuse(c, c.ago(700), c.ago(695));
      objectionDismissed(c, c.ago(680), c.ago(500), c.ago(495));
    },
  },
  {
    label: "showcase: withdrawn during the examination",
    nationality: "UZB",
    channel: "in_country",
    office: "seoul",
    filed: 300,
    write(c) {
      c.story.add("summons_served", c.ago(200), { interviewOn: c.ago(186), method: "post" });
      c.story.add("withdrawn", c.ago(190));
    },
  },
  {
    label: "showcase: terminated after three missed interviews",
    nationality: "MYS",
    channel: "in_country",
    office: "seoul",
    filed: 600,
    write(c) {
      for (const [summons, interviewOn] of [
        [450, 436],
        [400, 386],
        [350, 336],
      ] as const) {
        c.story.add("summons_served", c.ago(summons), { interviewOn: c.ago(interviewOn), method: "post" });
        c.story.add("interview_missed", c.ago(interviewOn));
      }
      c.story.add("review_terminated", c.ago(300), { reason: "no_show" });
    },
  },
  {
    label: "showcase: recognition cancelled (false documents), not challenged",
    nationality: "LKA",
    channel: "in_country",
    office: "seoul",
    filed: 1380,
    write(c) {
      interview(c, c.ago(1300), c.ago(1286), "si");
      c.story.add("decision_issued", c.ago(1150), {
        outcome: "recognized",
        reasons: "Well-founded fear of persecution for political opinion.",
        examinerId: EXAMINER,
      });
      c.story.add("notice_served", c.ago(1146), { method: "in_person" });
      c.story.add("recognition_cancelled", c.ago(400), {
        ground: "RA 22(1): recognition obtained by false documents",
      });
      c.story.add("notice_served", c.ago(396), { method: "post" });
    },
  },
  {
    label: "showcase: refusal annulled, judgment final, redecision due",
    nationality: "VNM",
    channel: "in_country",
    office: "daegu",
    filed: 1300,
    write(c) {
      interview(c, c.ago(1150), c.ago(1136), "vi");
      refuse(c, c.ago(1000), c.ago(996));
      const first = suit(c, c.ago(950));
      judgment(c, c.ago(200), 1, first, "annulled");
      serve(c, 1, c.ago(195), c.ago(194));
      c.story.add("appeal_waived", c.ago(193), { by: "applicant", level: 2 });
    },
  },
];
