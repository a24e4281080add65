/**
 * The remedy the Korean bills' summaries leave open, read the same way for both (a named
 * assumption of each bill): the general administrative suit.
 */
import type { PolicySource, ReapplicationPolicy } from "../../../kernel/reapplication/policy.ts";

export const KR_BILL_REMEDY: ReapplicationPolicy["remedy"] = {
  kind: "judicial_review",
  days: 90,
  suspensive: false,
  description:
    "an administrative suit for annulment within 90 days of service (ALA 20(1)); bringing it does not suspend the decision or removal (ALA 23(1)), though the court may order a stay (ALA 23(2))",
};

export const KR_BILL_REMEDY_SOURCES: readonly PolicySource[] = [
  {
    cite: "ALA 20(1)",
    provides:
      "a suit for annulment within 90 days of the day the person learned of the disposition (service)",
  },
  {
    cite: "ALA 23(1)-(2)",
    provides:
      "a suit does not affect the disposition's effect or enforcement; the court may stay it to prevent irreparable harm",
  },
];
