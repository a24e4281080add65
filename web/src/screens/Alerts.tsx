/**
 * Open alerts (right alerts.read): administrators see every office's, supervisors those about
 * their own office's cases (the server decides). Each refused disclosure raises one: critical when
 * it was addressed to the applicant's country of origin, a warning when its recipient waits for a
 * supervisor's confirmation (docs/security.md requirement 8); so does an access that one
 * administrator approved alone (break-glass). Someone else who sees an alert acknowledges it with a
 * note of what was done, and it leaves the list; a break-glass alert closes when its approval is
 * reviewed.
 */
import { Button, Label, Tag, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, type Alert as OpenAlert } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { hasRight } from "../../../src/security/access/rights.ts";
import { CaseLink, Loading, shortId } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";

/** Acknowledge one alert: a note of what was done, then it leaves the list. */
function Acknowledge({ alert, onDone }: { alert: OpenAlert; onDone: () => void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const ack = useMutation({
    mutationFn: () => client.acknowledgeAlert(alert.id, note),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: keys.alerts });
    },
  });
  if (alert.kind === "access_break_glass")
    return <span className="usa-hint">{t("alerts.breakGlassReview")}</span>;
  if (alert.details.requestedBy === session.username)
    return <span className="usa-hint">{t("alerts.ownAlert")}</span>;
  return (
    <details className="alert-ack">
      <summary>{t("alerts.acknowledge")}</summary>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          ack.mutate();
        }}
      >
        <Label htmlFor={`ack-${alert.id}`}>{t("alerts.acknowledgeNote")}</Label>
        <Textarea
          id={`ack-${alert.id}`}
          name="note"
          required
          minLength={10}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {ack.isError && <ProblemAlert error={ack.error} />}
        <Button type="submit" className="margin-top-1" disabled={note.trim().length < 10 || ack.isPending}>
          {t("alerts.acknowledge")}
        </Button>
      </form>
    </details>
  );
}

export function Alerts() {
  const { t, tv, dateTime } = useI18n();
  const session = useSignedIn();
  const alerts = useQuery(queries.alerts());
  const readsCases = hasRight(session.role, "case.read");
  const [done, setDone] = useState(false);
  return (
    <>
      <h1>{t("alerts.heading")}</h1>
      <p className="usa-intro">{t("alerts.intro")}</p>
      {done && (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("alerts.acknowledged")}
        </Alert>
      )}
      {alerts.isError ? (
        <ProblemAlert error={alerts.error} />
      ) : !alerts.data ? (
        <Loading />
      ) : alerts.data.length === 0 ? (
        <p>{t("alerts.none")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">{t("alerts.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("alerts.at")}</th>
              <th scope="col">{t("alerts.severity")}</th>
              <th scope="col">{t("alerts.kind")}</th>
              <th scope="col">{t("alerts.case")}</th>
              <th scope="col">{t("alerts.by")}</th>
              <th scope="col">{t("alerts.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => {
              const caseId = typeof a.details.caseId === "string" ? a.details.caseId : null;
              // Who set it off: who asked for a disclosure, or who approved an access alone.
              const who = [a.details.requestedBy, a.details.approvedBy].find((x) => typeof x === "string");
              const by = typeof who === "string" ? who : "";
              return (
                <tr key={a.id}>
                  <th scope="row" data-label={t("alerts.at")}>
                    {dateTime(a.at)}
                  </th>
                  <td data-label={t("alerts.severity")}>
                    <Tag className={a.severity === "critical" ? "bg-secondary-dark" : "bg-gold text-ink"}>
                      {tv("alerts.severityOf", a.severity)}
                    </Tag>
                  </td>
                  <td data-label={t("alerts.kind")}>{tv("alerts.kindOf", a.kind)}</td>
                  <td data-label={t("alerts.case")}>
                    {caseId ? (
                      readsCases ? (
                        <CaseLink id={caseId} />
                      ) : (
                        t("common.caseNo", { id: shortId(caseId) })
                      )
                    ) : (
                      t("common.none")
                    )}
                  </td>
                  <td data-label={t("alerts.by")}>{by}</td>
                  <td data-label={t("alerts.actions")}>
                    <Acknowledge alert={a} onDone={() => setDone(true)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
