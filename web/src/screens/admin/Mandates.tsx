/** Mandates: a case's representatives, granting a mandate and revoking one. */
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useState } from "react";
import { api } from "../../api.ts";
import { PlainInput, shortId } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useLoad } from "../../useLoad.ts";
import { useAction, type Account } from "./shared.tsx";

interface Mandate {
  id: string;
  caseId: string;
  representativeId: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
}

export function Mandates() {
  const { t, date } = useI18n();
  const [caseId, setCaseId] = useState("");
  const [shown, setShown] = useState("");
  const [rep, setRep] = useState("");
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const { run, busy, banner } = useAction();
  const reps = useLoad(
    async (signal) => (await api.get<{ items: Account[] }>("/accounts", signal)).data.items,
    [],
  );
  const lawyers = (reps.data ?? []).filter((a) => a.role === "representative" && !a.disabledAt);
  const list = useLoad(
    async (signal) =>
      shown ? (await api.get<{ items: Mandate[] }>(`/cases/${shown}/mandates`, signal)).data.items : [],
    [shown],
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
                        onClick={() =>
                          void run(async () => {
                            await api.del(`/mandates/${m.id}`);
                            list.reload();
                            return t("admin.mandates.revokedNotice");
                          })
                        }
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
              void run(async () => {
                await api.post(`/cases/${shown}/mandates`, { representativeId: rep, validFrom });
                list.reload();
                return t("admin.mandates.granted");
              });
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
