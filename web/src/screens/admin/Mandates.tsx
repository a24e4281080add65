/** Mandates: a case's representatives, granting a mandate and revoking one. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, type Mandate } from "../../api.ts";
import { PlainInput, shortId } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { ActionOutcome } from "./shared.tsx";

export function Mandates() {
  const { t, date } = useI18n();
  const [caseId, setCaseId] = useState("");
  const [shown, setShown] = useState("");
  const [rep, setRep] = useState("");
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const reps = useQuery(queries.accounts());
  const lawyers = (reps.data ?? []).filter((a) => a.role === "representative" && !a.disabledAt);
  const list = useQuery({ ...queries.mandates(shown), enabled: shown !== "" });
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: keys.mandates(shown) });
  const grant = useMutation({
    mutationFn: () => client.grantMandate(shown, { representativeId: rep, validFrom }),
    onSuccess,
  });
  const revoke = useMutation({ mutationFn: (m: Mandate) => client.revokeMandate(m.id), onSuccess });
  const busy = grant.isPending || revoke.isPending;
  const banner = (
    <ActionOutcome
      actions={[
        [grant, t("admin.mandates.granted")],
        [revoke, t("admin.mandates.revokedNotice")],
      ]}
    />
  );
  const nameOf = (id: string) => (reps.data ?? []).find((a) => a.id === id)?.username ?? shortId(id);
  return (
    <>
      <h2>{t("admin.mandates.heading")}</h2>
      <p>{t("admin.mandates.intro")}</p>
      {banner}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(caseId.trim());
        }}
      >
        <Label htmlFor="m-case" hint={t("admin.mandates.caseHint")}>
          {t("admin.mandates.caseId")}
        </Label>
        <TextInput
          id="m-case"
          name="caseId"
          type="text"
          required
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        />
        <Button type="submit" className="margin-top-2">
          {t("admin.mandates.show")}
        </Button>
      </form>
      {shown && list.error ? <ProblemAlert error={list.error} /> : null}
      {shown && list.data && (
        <>
          <table className="usa-table usa-table--borderless width-full">
            <caption>{t("admin.mandates.ofCase", { id: shortId(shown) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.mandates.representative")}</th>
                <th scope="col">{t("admin.mandates.validFrom")}</th>
                <th scope="col">{t("admin.mandates.validUntil")}</th>
                <th scope="col">{t("admin.users.state")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.length === 0 && (
                <tr>
                  <td colSpan={4}>{t("admin.mandates.none")}</td>
                </tr>
              )}
              {list.data.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{nameOf(m.representativeId)}</th>
                  <td>{date(m.validFrom)}</td>
                  <td>{m.validUntil ? date(m.validUntil) : t("common.none")}</td>
                  <td>
                    {m.revokedAt ? (
                      t("admin.mandates.revoked")
                    ) : (
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        disabled={busy}
                        onClick={() => revoke.mutate(m)}
                      >
                        {t("admin.mandates.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              grant.mutate();
            }}
          >
            <h3>{t("admin.mandates.grant")}</h3>
            <Label htmlFor="m-rep">{t("admin.mandates.representative")}</Label>
            <Select
              id="m-rep"
              name="representativeId"
              required
              value={rep}
              onChange={(e) => setRep(e.target.value)}
            >
              <option value="">{t("common.choose")}</option>
              {lawyers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName} ({a.username})
                </option>
              ))}
            </Select>
            <Label htmlFor="m-from">{t("admin.mandates.validFrom")}</Label>
            <PlainInput
              id="m-from"
              name="validFrom"
              type="date"
              required
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
            />
            <Button type="submit" disabled={busy || !rep} className="margin-top-2">
              {t("admin.mandates.grant")}
            </Button>
          </form>
        </>
      )}
    </>
  );
}
