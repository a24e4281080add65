/**
 * What one demo case is generated with (the random source, the story being written, the dockets
 * and the odds), shared by `flows.ts` and `litigation.ts`.
 */
import type { LegalDate } from "../kernel/calendar/dates.ts";
import type { Dockets } from "./courts.ts";
import type { Rng } from "./random.ts";
import type { Story } from "./story.ts";

export interface CaseEnv {
  rng: Rng;
  story: Story;
  dockets: Dockets;
  nationality: string;
  sex: "female" | "male" | "other" | "unknown" | undefined;
  languages: readonly string[];
  /** The examiner who handles the case. */
  examinerId: string;
  odds: Odds;
}

/** Where a grant decision is taken: first instance (new or repeat application), objection, redecision. */
export type GrantStage = "NA" | "RA" | "AR" | "redecision";

export interface Chances {
  refugee: number;
  humanitarian: number;
}

/** A share that depends on the filing: a repeat application, else from detention, else any other. */
export interface FilingShares {
  subsequent: number;
  detained: number;
  other: number;
}

/** The odds that differ between the small demo (`odds.ts`) and the national one (`national/odds.ts`). */
export interface Odds {
  /** The chances of refugee status and of a humanitarian stay at a decision taken on `on` by `maker`. */
  grant(stage: GrantStage, nationality: string, on: LegalDate, maker: string): Chances;
  /** The chance that `bench` of `court` annuls, where an average bench would with chance `p`. */
  annul(p: number, court: string, bench: string): number;
  /** Applicants who stop coming to interviews: the review is terminated after three missed ones. */
  absconds: FilingShares;
  /** Applications withdrawn during the examination (of those not terminated). */
  withdrawn: FilingShares;
  /**
   * Whether the odds depend on the decision-maker: then a committee panel or a court bench is drawn
   * before it decides; otherwise when its decision is written (the order of the random draws).
   */
  makerMatters: boolean;
  /** Panels of the Refugee Committee (`committee-panel-N`). */
  committeePanels: number;
}
