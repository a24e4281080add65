/** Four eyes: a supervisor approves an examiner's draft decision (with the second factor again) or returns it with a reason. */
import { Alert, Button, Label, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { client, type DecisionDraft } from "../api.ts";
import { CaseLink, Loading } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { StepUpField } from "../components/StepUp.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";
import { useVocabulary } from "../vocabulary.ts";
import { EventDetails } from "./CasePage.tsx";

function DraftCard({ draft, onDone }: { draft: DecisionDraft; onDone: (message: string) => void }) {
  const { t, date, dateTime } = useI18n();
  const words = useVocabulary(draft.profile);
  const session = useSignedIn();
  const [code, setCode] = useState("");
  const [reason, setReason] = useState("");
  const queryClient = useQueryClient();
  // Either way the draft leaves the queue; an approval also changes the case and its deadlines.
  const decide = useMutation({
    mutationFn: async (how: "approve" | "return") => {
      if (how === "return") {
        await client.giveBack(draft.id, reason);
        return t("approvals.returned");
      }
      await client.stepUp(code);
      await client.approve(draft.id);
      return t("approvals.approved");
    },
    onSuccess: (message) => {
      void queryClient.invalidateQueries({ queryKey: keys.approvals });
      void queryClient.invalidateQueries({ queryKey: keys.case(draft.caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.deadlines });
      onDone(message);
    },
  });
  const busy = decide.isPending;
  const { type, occurredOn, ...data } = draft.event as { type: string; occurredOn: string } & Record<
    string,
    unknown
  >;

  function approve(e: FormEvent) {
    e.preventDefault();
    decide.mutate("approve");
  }
  function giveBack(e: FormEvent) {
    e.preventDefault();
    decide.mutate("return");
  }
  const headingId = `draft-${draft.id}`;
  return (
    <article className="usa-card__container draft-card" aria-labelledby={headingId}>
      <div className="usa-card__header">
        <h2 id={headingId} className="usa-card__heading">
          {words.event(type)} · {words.value("outcome", data.outcome as string)}
        </h2>
        <p className="margin-y-05">
          <CaseLink id={draft.caseId} /> · {t("approvals.decidedOn", { date: date(occurredOn) })}
        </p>
      </div>
      <div className="usa-card__body">
        <EventDetails data={data} vocabulary={words} />
        <p className="usa-hint">
          {t("approvals.draftedBy", { who: draft.draftedBy, at: dateTime(draft.draftedAt) })}
        </p>
        {decide.isError && <ProblemAlert error={decide.error} vocabulary={words} />}
        <div className="grid-row grid-gap-lg">
          <form className="grid-col-12 tablet:grid-col-6 usa-form" onSubmit={approve}>
            <StepUpField
              id={`code-${draft.id}`}
              value={code}
              onChange={setCode}
              username={session.username}
            />
            <Button type="submit" disabled={busy} className="margin-top-2">
              {t("approvals.approve")}
            </Button>
          </form>
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
    </>
  );
}
