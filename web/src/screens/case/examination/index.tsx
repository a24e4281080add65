/**
 * The examination page of a case (`/cases/:id/examination`): the claim's material facts with their
 * links, the assessment step by step, the live check a decision draft must pass, and "Draft the
 * decision", which composes the reasons from the assessment and sends the decision to a supervisor.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { ApiError } from "../../../api.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { keys, queries } from "../../../queries.ts";
import { useSignedIn } from "../../../session.tsx";
import { useVocabulary } from "../../../vocabulary.ts";
import { exam, examKeys, type CheckResult, type Fact } from "./api.ts";
import { AssessmentForm } from "./AssessmentForm.tsx";
import { FactsPanel } from "./Facts.tsx";
import { CheckList } from "./shared.tsx";
import "./examination.css";

function DraftPanel({
  caseId,
  check,
  facts,
}: {
  caseId: string;
  check: CheckResult;
  facts: readonly Fact[];
}) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const kase = useQuery(queries.case(caseId));
  const words = useVocabulary(kase.data?.view.profile);
  const [language, setLanguage] = useState<"ko" | "en">(locale);
  const draft = useMutation({
    mutationFn: () => exam.draft(caseId, kase.data?.view.version ?? 0, language),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: examKeys.check(caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.case(caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.caseDrafts(caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.approvals });
    },
  });
  return (
    <section aria-labelledby="exam-draft-heading" className="case-section exam-draft">
      <h2 id="exam-draft-heading">{t("exam.draft.heading")}</h2>
      <CheckList check={check} facts={facts} />
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{t("exam.draft.language")}</legend>
        {(["ko", "en"] as const).map((l) => (
          <div className="usa-radio" key={l}>
            <input
              className="usa-radio__input"
              id={`reasons-${l}`}
              type="radio"
              name="reasons-language"
              checked={language === l}
              onChange={() => setLanguage(l)}
            />
            <label className="usa-radio__label" htmlFor={`reasons-${l}`}>
              {t(l === "ko" ? "exam.draft.ko" : "exam.draft.en")}
            </label>
          </div>
        ))}
      </fieldset>
      {draft.isError &&
        // The check refused the draft: the list above names each gap in the reader's language.
        (draft.error instanceof ApiError && draft.error.status === 422 && !check.ok ? (
          <Alert type="error" headingLevel="h3" heading={t("exam.draft.refused")} role="alert">
            {t("exam.draft.refusedText")}
          </Alert>
        ) : (
          <ProblemAlert error={draft.error} vocabulary={words} focus />
        ))}
      {draft.isSuccess && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("exam.draft.sent")}
        </Alert>
      )}
      <button
        className="usa-button margin-top-2"
        type="button"
        disabled={draft.isPending || !kase.data}
        onClick={() => draft.mutate()}
      >
        {t("exam.draft.submit")}
      </button>
    </section>
  );
}

export function Examination() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const session = useSignedIn();
  const mayEdit = hasRight(session.role, "event.examination");
  const mayDraft = hasRight(session.role, "event.decision");
  const facts = useQuery({ queryKey: examKeys.facts(id), queryFn: ({ signal }) => exam.facts(id, signal) });
  const sources = useQuery({
    queryKey: examKeys.sources(id),
    queryFn: ({ signal }) => exam.sources(id, signal),
  });
  const assessment = useQuery({
    queryKey: examKeys.assessment(id),
    queryFn: ({ signal }) => exam.assessment(id, signal),
  });
  const check = useQuery({ queryKey: examKeys.check(id), queryFn: ({ signal }) => exam.check(id, signal) });
  const error = facts.error ?? assessment.error ?? check.error;
  return (
    <>
      <p>
        <Link className="usa-link" to={`/cases/${id}`}>
          {t("exam.back")}
        </Link>
      </p>
      <h1>{t("exam.heading")}</h1>
      {error ? (
        <ProblemAlert error={error} />
      ) : !facts.data || !assessment.data || !check.data ? (
        <Loading />
      ) : (
        <>
          <FactsPanel caseId={id} facts={facts.data} sources={sources.data} mayEdit={mayEdit} />
          <AssessmentForm
            key={facts.data.map((f) => `${f.id}:${f.status}`).join(",")}
            caseId={id}
            facts={facts.data}
            sources={sources.data}
            assessment={assessment.data}
            mayEdit={mayEdit}
          />
          {mayDraft && <DraftPanel caseId={id} check={check.data} facts={facts.data} />}
        </>
      )}
    </>
  );
}
