/** Four eyes: a supervisor approves an examiner's draft decision (with the second factor again) or returns it with a reason. */
import { Alert, Button, Label, Textarea } from "@trussworks/react-uswds";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { DecisionDraftSchema } from "../../../src/contracts/api.ts";
import { api } from "../api.ts";
import { CaseLink, Loading } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { StepUpField, stepUp } from "../components/StepUp.tsx";
import { useI18n } from "../i18n/index.tsx";
import { useSignedIn } from "../session.tsx";
import { useLoad } from "../useLoad.ts";
import { EventDetails } from "./CasePage.tsx";

type Draft = z.infer<typeof DecisionDraftSchema>;

function DraftCard({ draft, onDone }: { draft: Draft; onDone(message: string): void }) {
  const { t, tv, date, dateTime } = useI18n();
  const session = useSignedIn();
  const [code, setCode] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { type, occurredOn, ...data } = draft.event as { type: string; occurredOn: string } & Record<
    string,
    unknown
  >;

  async function approve(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await stepUp(code);
      await api.post(`/approvals/${draft.id}/approve`);
      onDone(t("approvals.approved"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function giveBack(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/approvals/${draft.id}/return`, { reason });
      onDone(t("approvals.returned"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const headingId = `draft-${draft.id}`;
  return (
    <article className="usa-card__container draft-card" aria-labelledby={headingId}>
      <div className="usa-card__header">
        <h2 id={headingId} className="usa-card__heading">
          {tv("event", type)} · {tv("enum.outcome", data.outcome as string)}
        </h2>
        <p className="margin-y-05">
          <CaseLink id={draft.caseId} /> · {t("approvals.decidedOn", { date: date(occurredOn) })}
        </p>
      </div>
      <div className="usa-card__body">
        <EventDetails data={data} />
        <p className="usa-hint">
          {t("approvals.draftedBy", { who: draft.draftedBy, at: dateTime(draft.draftedAt) })}
        </p>
        {error !== null && <ProblemAlert error={error} />}
        <div className="grid-row grid-gap-lg">
          <form className="grid-col-12 tablet:grid-col-6 usa-form" onSubmit={(e) => void approve(e)}>
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
          <form className="grid-col-12 tablet:grid-col-6 usa-form" onSubmit={(e) => void giveBack(e)}>
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
  const list = useLoad(
    async (signal) => (await api.get<{ items: Draft[] }>("/approvals", signal)).data.items,
    [],
  );
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
            <DraftCard
              key={d.id}
              draft={d}
              onDone={(m) => {
                setNotice(m);
                list.reload();
              }}
            />
          ))}
        </div>
      )}
    </>
  );
}
