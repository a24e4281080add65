/**
 * The case page's eligibility review of a re-application (docs/eligibility-review.md): the policy
 * the office runs for it (with a warning when it is not law), how the earlier cases ended and
 * whether the policy's trigger applies, the compared elements as classified in "What is new" with
 * what the policy's readings would make of them (never a decision), and the examiner's proposal:
 * per element, material or not and why, the outcome and its reasons. A supervisor approves it in
 * Approvals; the notice is then served through the case's events, and the case's status and bar on
 * removal follow the policy.
 */
import { Alert, Button, Label, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { eligibilityApi, eligibilityKey, type EligibilityReview, type ProposalInput } from "./api.ts";

type Outcome = "eligible" | "ineligible";
const keyOf = (e: { refKind: string; refId: string }) => `${e.refKind}/${e.refId}`;

function PolicyFacts({ r }: { r: EligibilityReview }) {
  const { t, tv, date, locale } = useI18n();
  const p = r.policy;
  return (
    <>
      <p>
        {t("eligibility.policy", { title: p.title[locale] })}{" "}
        <span className="usa-tag">{tv("eligibility.standing", p.standing)}</span>
      </p>
      {r.policyWarning && (
        <Alert type="warning" headingLevel="h3" slim>
          {t("eligibility.notLaw")}
        </Alert>
      )}
      <dl className="eligibility__facts">
        <dt>{t("eligibility.trigger")}</dt>
        <dd>{p.trigger.description}</dd>
        <dt>{t("eligibility.test")}</dt>
        <dd>{tv("eligibility.testKind", p.test)}</dd>
        <dt>{t("eligibility.onIneligible")}</dt>
        <dd>
          {tv("eligibility.statusAfter", p.onIneligible.applicantStatus)} ·{" "}
          {tv("eligibility.removal", p.onIneligible.removal)}
        </dd>
        <dt>{t("eligibility.remedy")}</dt>
        <dd>{p.remedy.description}</dd>
        {r.decideBy && (
          <>
            <dt>{t("eligibility.decideBy")}</dt>
            <dd>{date(r.decideBy)}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>{t("eligibility.sources")}</summary>
        <ul>
          {p.sources.map((s) => (
            <li key={s.cite}>
              <strong>{s.cite}</strong>: {s.provides}
            </li>
          ))}
        </ul>
        {p.assumptions.length > 0 && (
          <>
            <h4>{t("eligibility.assumptions")}</h4>
            <ul>
              {p.assumptions.map((a) => (
                <li key={a.key}>
                  <code>{a.key}</code>: {a.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </details>
    </>
  );
}

function Status({ r }: { r: EligibilityReview }) {
  const { t, tv, date } = useI18n();
  const review = r.review;
  if (!review) return null;
  return (
    <div className="eligibility__result" data-testid="eligibility-result">
      <h3>{t("eligibility.decided")}</h3>
      <p>
        <strong>{tv("eligibility.outcome", review.outcome)}</strong> ·{" "}
        {t("eligibility.decidedOn", { date: date(review.decidedOn) })}
        {review.servedOn
          ? ` · ${t("eligibility.servedOn", { date: date(review.servedOn) })}`
          : ` · ${t("eligibility.notServed")}`}
      </p>
      <ul>
        <li data-testid="eligibility-status">
          {t("eligibility.applicantStatus")}:{" "}
          {r.status.applicantStatus
            ? tv("applicantStatus", r.status.applicantStatus)
            : t("eligibility.noApplicant")}
        </li>
        <li data-testid="eligibility-bar">
          {t("eligibility.bar")}:{" "}
          {r.status.removalBarred ? t("eligibility.barred") : t("eligibility.notBarred")}
        </li>
        {r.status.remedyDueOn && <li>{t("eligibility.remedyDue", { date: date(r.status.remedyDueOn) })}</li>}
      </ul>
    </div>
  );
}

function ProposalForm({ r, caseId }: { r: EligibilityReview; caseId: string }) {
  const { t, tv } = useI18n();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasons, setReasons] = useState("");
  const [material, setMaterial] = useState<Record<string, boolean>>({});
  const [why, setWhy] = useState<Record<string, string>>({});
  const propose = useMutation({
    mutationFn: (body: ProposalInput) => eligibilityApi.propose(caseId, r.version, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eligibilityKey(caseId) }),
  });
  return (
    <form
      className="usa-form maxw-full"
      aria-labelledby="eligibility-propose"
      onSubmit={(e) => {
        e.preventDefault();
        if (!outcome) return;
        propose.mutate({
          outcome,
          reasons,
          elements: r.elements.map((el) => ({
            refKind: el.refKind,
            refId: el.refId,
            material: material[keyOf(el)] ?? false,
            reason: why[keyOf(el)] ?? "",
          })),
        });
      }}
    >
      <h3 id="eligibility-propose">{t("eligibility.propose")}</h3>
      <p className="usa-hint">{t("eligibility.proposeHint")}</p>
      {r.elements.length === 0 && <p>{t("eligibility.noElements")}</p>}
      {r.elements.map((el) => {
        const k = keyOf(el);
        const id = `el-${k.replace(/[^a-zA-Z0-9-]/g, "-")}`;
        return (
          <fieldset key={k} className="usa-fieldset eligibility__element" data-element={k}>
            <legend className="usa-legend">
              {tv("whatsnew.kind", el.refKind)} · {el.refId} ·{" "}
              {el.tag ? tv("whatsnew.tag", el.tag) : t("whatsnew.tag.unclassified")}
            </legend>
            <p className="usa-hint">
              {el.compared
                ? t("eligibility.readings", {
                    strict: el.counts.strict ? t("eligibility.counts") : t("eligibility.doesNotCount"),
                    generous: el.counts.generous ? t("eligibility.counts") : t("eligibility.doesNotCount"),
                  })
                : t("eligibility.notCompared")}
            </p>
            <div className="usa-checkbox">
              <input
                className="usa-checkbox__input"
                id={`${id}-material`}
                type="checkbox"
                checked={material[k] ?? false}
                onChange={(e) => setMaterial({ ...material, [k]: e.target.checked })}
              />
              <label className="usa-checkbox__label" htmlFor={`${id}-material`}>
                {t("eligibility.material")}
              </label>
            </div>
            <Label htmlFor={`${id}-reason`}>{t("eligibility.why")}</Label>
            <Textarea
              id={`${id}-reason`}
              name={`${id}-reason`}
              required
              maxLength={4000}
              value={why[k] ?? ""}
              onChange={(e) => setWhy({ ...why, [k]: e.target.value })}
            />
          </fieldset>
        );
      })}
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{t("eligibility.outcomeLegend")}</legend>
        {(["eligible", "ineligible"] as const).map((o) => (
          <div className="usa-radio" key={o}>
            <input
              className="usa-radio__input"
              id={`eligibility-outcome-${o}`}
              type="radio"
              name="eligibility-outcome"
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <label className="usa-radio__label" htmlFor={`eligibility-outcome-${o}`}>
              {tv("eligibility.outcome", o)}
            </label>
          </div>
        ))}
      </fieldset>
      <Label htmlFor="eligibility-reasons">{t("eligibility.reasons")}</Label>
      <Textarea
        id="eligibility-reasons"
        name="eligibility-reasons"
        required
        maxLength={20000}
        value={reasons}
        onChange={(e) => setReasons(e.target.value)}
      />
      {propose.error && <ProblemAlert error={propose.error} />}
      <Button type="submit" className="margin-top-2" disabled={!outcome || propose.isPending}>
        {t("eligibility.submit")}
      </Button>
    </form>
  );
}

export function EligibilitySection({ caseId, canPropose }: { caseId: string; canPropose: boolean }) {
  const { t, tv, date } = useI18n();
  const query = useQuery({
    queryKey: eligibilityKey(caseId),
    queryFn: ({ signal }) => eligibilityApi.get(caseId, signal),
  });
  const r = query.data;
  const pending = r?.proposal?.status === "pending" ? r.proposal : null;
  return (
    <section aria-labelledby="eligibility-heading" className="case-section eligibility">
      <h2 id="eligibility-heading">{t("eligibility.heading")}</h2>
      {query.error ? (
        <ProblemAlert error={query.error} />
      ) : !r ? (
        <Loading />
      ) : (
        <>
          <PolicyFacts r={r} />
          <p data-testid="eligibility-trigger">
            {r.priorEnding
              ? t("eligibility.earlier", { ending: tv("whatsnew.ending", r.priorEnding) })
              : t("eligibility.noEarlier")}{" "}
            {r.triggerApplies ? t("eligibility.triggerApplies") : t("eligibility.triggerNot")}
          </p>
          <p className="usa-hint">
            {t("eligibility.reading", {
              strict: tv("eligibility.result", r.reading.strict),
              generous: tv("eligibility.result", r.reading.generous),
            })}
          </p>
          <Status r={r} />
          {pending && (
            <Alert type="info" headingLevel="h3" slim data-testid="eligibility-pending">
              {t("eligibility.pending", { by: pending.draftedBy })}{" "}
              <Link to="/approvals">{t("eligibility.toApprovals")}</Link>
            </Alert>
          )}
          {r.review && !r.review.servedOn && <p>{t("eligibility.serveHint")}</p>}
          {canPropose && !pending && !r.review && r.subsequent && r.triggerApplies && (
            <ProposalForm r={r} caseId={caseId} />
          )}
          {r.earlierCases.length > 0 && (
            <p className="usa-hint">
              {r.earlierCases
                .map((c) => `${c.caseNumber ?? c.caseId}${c.finalOn ? ` (${date(c.finalOn)})` : ""}`)
                .join(", ")}
            </p>
          )}
        </>
      )}
    </section>
  );
}
