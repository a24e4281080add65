/**
 * The case page's "Claims and assessment": how many material facts the claim holds, how many are
 * assessed, whether a decision draft would pass the check, and the way to the examination page.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { exam, examKeys } from "./api.ts";
import { CheckList } from "./shared.tsx";

export function ExaminationSection({ caseId }: { caseId: string }) {
  const { t, number } = useI18n();
  const facts = useQuery({
    queryKey: examKeys.facts(caseId),
    queryFn: ({ signal }) => exam.facts(caseId, signal),
  });
  const check = useQuery({
    queryKey: examKeys.check(caseId),
    queryFn: ({ signal }) => exam.check(caseId, signal),
  });
  const active = (facts.data ?? []).filter((f) => f.status === "active");
  return (
    <section aria-labelledby="exam-heading" className="case-section exam-section">
      <h2 id="exam-heading">{t("exam.section.heading")}</h2>
      {facts.error ? (
        <ProblemAlert error={facts.error} />
      ) : !facts.data || !check.data ? (
        <Loading />
      ) : (
        <>
          <p>
            {active.length === 0
              ? t("exam.section.none")
              : t("exam.section.count", { n: number(active.length) })}
          </p>
          {active.length > 0 && <CheckList check={check.data} facts={facts.data} />}
        </>
      )}
      <p>
        <Link className="usa-button usa-button--outline" to={`/cases/${caseId}/examination`}>
          {t("exam.section.open")}
        </Link>
      </p>
    </section>
  );
}
