/**
 * The assessment beside a decision draft on the supervisor's approvals screen: each material fact
 * with its finding and sources, then the risk, nexus, protection, exclusion and conclusion.
 */
import { useQuery } from "@tanstack/react-query";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { exam, examKeys } from "./api.ts";
import { FactMeta, LinkText } from "./shared.tsx";
import "./examination.css";

export function AssessmentBeside({ caseId }: { caseId: string }) {
  const { t, tv, list } = useI18n();
  const facts = useQuery({
    queryKey: examKeys.facts(caseId),
    queryFn: ({ signal }) => exam.facts(caseId, signal),
  });
  const assessment = useQuery({
    queryKey: examKeys.assessment(caseId),
    queryFn: ({ signal }) => exam.assessment(caseId, signal),
  });
  // The links' names in the reader's language; without them, the server's (English) labels.
  const sources = useQuery({
    queryKey: examKeys.sources(caseId),
    queryFn: ({ signal }) => exam.sources(caseId, signal),
    retry: false,
  });
  const headingId = `beside-${caseId}`;
  if (facts.error || assessment.error) return <ProblemAlert error={facts.error ?? assessment.error} />;
  if (!facts.data || !assessment.data) return <Loading />;
  const a = assessment.data;
  const findings = new Map(a.content.facts.map((f) => [f.factId, f]));
  return (
    <section className="exam-beside" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("exam.beside.heading")}</h3>
      {a.version === 0 ? (
        <p>{t("exam.beside.none")}</p>
      ) : (
        <>
          <p className="usa-hint">{t("exam.assessment.version", { n: a.version, who: a.updatedBy ?? "" })}</p>
          <ol className="usa-list">
            {facts.data
              .filter((f) => f.status === "active")
              .map((f) => {
                const finding = findings.get(f.id);
                return (
                  <li key={f.id} data-beside-fact={f.position}>
                    <span className="exam-beside__text">{f.statement}</span> (<FactMeta fact={f} />)
                    <br />
                    <strong>
                      {finding?.finding ? tv("exam.finding", finding.finding) : t("exam.beside.noFinding")}
                    </strong>
                    {finding?.note && ` · ${finding.note}`}
                    {f.links.length > 0 && (
                      <ul className="usa-list">
                        {f.links.map((l) => (
                          <li key={`${l.kind}/${l.targetId}`}>
                            {tv("exam.stance", l.stance)}: <LinkText link={l} sources={sources.data} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
          </ol>
          <dl className="exam-beside__steps">
            <dt>{t("exam.step.nexus")}</dt>
            <dd>
              {a.content.nexus.grounds.length > 0
                ? list(a.content.nexus.grounds.map((g) => tv("exam.ground", g)))
                : t("exam.fact.noGround")}
            </dd>
            {a.content.risk.note && (
              <>
                <dt>{t("exam.step.risk")}</dt>
                <dd className="exam-beside__text">{a.content.risk.note}</dd>
              </>
            )}
            <dt>{t("exam.step.conclusion")}</dt>
            <dd data-testid="beside-outcome">
              {a.content.conclusion.outcome
                ? tv("exam.outcome", a.content.conclusion.outcome)
                : t("exam.beside.noFinding")}
            </dd>
            {a.content.conclusion.remedy && (
              <>
                <dt>{t("exam.conclusion.remedy")}</dt>
                <dd className="exam-beside__text">{a.content.conclusion.remedy}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
