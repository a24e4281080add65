/**
 * Four eyes: a supervisor approves a draft (a first-instance decision, or an event that takes
 * protection away) in a dialog that asks for a new code sent with the approval, or returns it with
 * a reason.
 */
import { Alert, Button, Label, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { client, type DecisionDraft } from "../api.ts";
import { ApplicantName, CaseLink, Loading } from "../components/common.tsx";
import { FreshFactorDialog } from "../components/FreshFactorDialog.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";
import { useVocabulary } from "../vocabulary.ts";
import { EventDetails } from "./CasePage.tsx";
import { AssessmentBeside } from "./case/examination/AssessmentBeside.tsx";
import { PendingInterviewChanges } from "./case/interviews/PendingChanges.tsx";

function DraftCard({ draft, onDone }: { draft: DecisionDraft; onDone: (message: string) => void }) {
  const { t, date, dateTime } = useI18n();
  const words = useVocabulary(draft.profile);
  const session = useSignedIn();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  // Either way the draft leaves the queue; an approval also changes the case and its deadlines.
  const decide = useMutation({
    mutationFn: async ({ how, code }: { how: "approve" | "return"; code?: string }) => {
      if (how === "return") {
        await client.giveBack(draft.id, reason);
        return t("approvals.returned");
      }
      await client.approve(draft.id, code ?? "");
      return t("approvals.approved");
    },
    onSuccess: (message) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: keys.approvals });
      void queryClient.invalidateQueries({ queryKey: keys.case(draft.caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.deadlines });
      void queryClient.invalidateQueries({ queryKey: keys.inbox });
      onDone(message);
    },
  });
  const busy = decide.isPending;
  const { type, occurredOn, ...data } = draft.event as { type: string; occurredOn: string } & Record<
    string,
    unknown
  >;

  function giveBack(e: FormEvent) {
    e.preventDefault();
    decide.mutate({ how: "return" });
  }
  const headingId = `draft-${draft.id}`;
  const title =
    typeof data.outcome === "string"
      ? `${words.event(type)} · ${words.value("outcome", data.outcome)}`
      : words.event(type);
  const takesProtection = draft.takesProtection !== null;
  return (
    <article className="usa-card__container draft-card" aria-labelledby={headingId}>
      <div className="usa-card__header">
        <h2 id={headingId} className="usa-card__heading">
          {title}
        </h2>
        <p className="margin-y-05">
          {draft.names && <ApplicantName names={draft.names} />} ·{" "}
          <CaseLink id={draft.caseId} number={draft.caseNumber} /> ·{" "}
          {t("approvals.decidedOn", { date: date(occurredOn) })}
        </p>
      </div>
      <div className="usa-card__body">
        {takesProtection && (
          <Alert type="warning" headingLevel="h3" slim>
            {t("approvals.takesProtection")}
          </Alert>
        )}
        <EventDetails data={data} vocabulary={words} />
        <AssessmentBeside caseId={draft.caseId} />
        <p className="usa-hint">
          {t("approvals.draftedBy", { who: draft.draftedBy, at: dateTime(draft.draftedAt) })}
        </p>
        {decide.isError && !confirming && <ProblemAlert error={decide.error} vocabulary={words} />}
        <div className="grid-row grid-gap-lg">
          <div className="grid-col-12 tablet:grid-col-6">
            <Button
              type="button"
              disabled={busy}
              className="margin-top-2"
              onClick={() => {
                decide.reset();
                setConfirming(true);
              }}
            >
              {t("approvals.approve")}
            </Button>
            <FreshFactorDialog
              open={confirming}
              heading={t("approvals.confirm.heading", { event: title })}
              confirmLabel={t("approvals.confirm.button")}
              username={session.username}
              busy={busy}
              error={decide.isError ? decide.error : null}
              onConfirm={(code) => decide.mutate({ how: "approve", code })}
              onClose={() => setConfirming(false)}
            >
              <p>
                {draft.names && <ApplicantName names={draft.names} />} ·{" "}
                <CaseLink id={draft.caseId} number={draft.caseNumber} /> ·{" "}
                {t("approvals.decidedOn", { date: date(occurredOn) })}
              </p>
              {takesProtection && (
                <Alert type="warning" headingLevel="h3" slim>
                  {t("approvals.confirm.takesProtection")}
                </Alert>
              )}
            </FreshFactorDialog>
          </div>
          <form className="grid-col-12 tablet:grid-col-6 usa-form" onSubmit={giveBack}>
            <Label htmlFor={`reason-${draft.id}`}>{t("approvals.reason")}</Label>
            <Textarea
              id={`reason-${draft.id}`}
              name="reason"
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button type="submit" outline disabled={busy || !reason.trim()} className="margin-top-2">
              {t("approvals.return")}
            </Button>
          </form>
        </div>
      </div>
    </article>
  );
}

export function Approvals() {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(queries.approvals());
  return (
    <>
      <h1>{t("approvals.heading")}</h1>
      <p className="usa-intro">{t("approvals.intro")}</p>
      {notice && (
        <Alert type="success" headingLevel="h2" slim role="status">
          {notice}
        </Alert>
      )}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <p>{t("approvals.empty")}</p>
      ) : (
        <div className="draft-list">
          {list.data.map((d) => (
            <DraftCard key={d.id} draft={d} onDone={setNotice} />
          ))}
        </div>
      )}
      <PendingInterviewChanges />
    </>
  );
}
