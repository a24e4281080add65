/**
 * Changes of law and case law that bear on subsequent applications, as a dated list kept in the
 * repository (docs/what-is-new.md, "Law and case law"). Every entry is a real, published text with
 * a citation anyone can check; nothing is added here that has not been published. An entry dated
 * after the earlier decision appears in a subsequent case's comparison; one of another
 * jurisdiction than the case's is shown for comparison only, without a proposed tag.
 *
 * Country-specific legal changes in the state of origin come from the COI library instead (its
 * documents with a legal topic, `LEGAL_TOPICS`).
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";

export interface LawReference {
  /** stable key, the element's refId */
  key: string;
  /** the jurisdiction whose law it is (a profile's `jurisdiction`, or "EU") */
  jurisdiction: string;
  kind: "legislation" | "case_law";
  /** the date of the judgment, or of the act's adoption */
  on: LegalDate;
  cite: string;
  /** what it provides for subsequent applications, in the project's words */
  provides: string;
}

export const LAW_REFERENCES: readonly LawReference[] = [
  {
    key: "kr-refugee-act-2012",
    jurisdiction: "KR",
    kind: "legislation",
    on: "2012-02-10",
    cite: "Refugee Act (난민법), Act No. 11298, in force 1 July 2013",
    provides:
      "A person refused before may apply again; an application repeated without a material change of circumstances may be examined in a simplified procedure (Art. 8(5) 2).",
  },
  {
    key: "cjeu-c-18-20",
    jurisdiction: "EU",
    kind: "case_law",
    on: "2021-09-09",
    cite: "CJEU, C-18/20, XY, judgment of 9 September 2021, ECLI:EU:C:2021:710",
    provides:
      "New elements or findings include those that arose after the earlier procedure was closed and those that existed before but were not relied on; no time limit may be set for raising them.",
  },
  {
    key: "cjeu-c-216-22",
    jurisdiction: "EU",
    kind: "case_law",
    on: "2024-02-08",
    cite: "CJEU (Grand Chamber), C-216/22, A.A., judgment of 8 February 2024, ECLI:EU:C:2024:122",
    provides:
      "A judgment of the Court, even one interpreting a provision already in force at the earlier decision, is a new element if it significantly adds to the likelihood of qualifying for protection.",
  },
  {
    key: "eu-reg-2024-1348",
    jurisdiction: "EU",
    kind: "legislation",
    on: "2024-05-14",
    cite: "Regulation (EU) 2024/1348 (Asylum Procedure Regulation) of 14 May 2024, applicable from 12 June 2026",
    provides:
      "Subsequent applications are examined in a preliminary examination for new elements that significantly increase the likelihood of qualifying (Art. 55-56).",
  },
];

/** COI library topics that make a document a legal change of the country of origin. */
export const LEGAL_TOPICS = ["law", "legislation", "case_law", "jurisprudence"] as const;
