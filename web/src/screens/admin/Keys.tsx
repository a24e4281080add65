/** Keys: the key versions in use, and rotating the key-encryption key after a second factor. */
import { Button, Checkbox } from "@trussworks/react-uswds";
import { useState } from "react";
import { api } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { StepUpField, stepUp } from "../../components/StepUp.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useSignedIn } from "../../session.tsx";
import { useLoad } from "../../useLoad.ts";
import { DataView, useAction } from "./shared.tsx";

export function Keys() {
  const { t } = useI18n();
  const session = useSignedIn();
  const keys = useLoad(async (signal) => (await api.get<Record<string, unknown>>("/keys", signal)).data, []);
  const [code, setCode] = useState("");
  const [confirm, setConfirm] = useState(false);
  const { run, busy, banner } = useAction();
  return (
    <>
      <h2>{t("admin.keys.heading")}</h2>
      <p>{t("admin.keys.intro")}</p>
      {banner}
      {keys.error ? (
        <ProblemAlert error={keys.error} />
      ) : !keys.data ? (
        <Loading />
      ) : (
        <DataView value={keys.data} />
      )}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await stepUp(code);
            const r = await api.post<{ kekVersion: number; rewrapped: number }>("/keys/rotate");
            keys.reload();
            return t("admin.keys.rotated", { version: r.data.kekVersion, n: r.data.rewrapped });
          });
        }}
      >
        <h3>{t("admin.keys.rotate")}</h3>
        <StepUpField id="k-code" value={code} onChange={setCode} username={session.username} />
        <Checkbox
          id="k-confirm"
          name="confirm"
          label={t("admin.keys.confirm")}
          checked={confirm}
          onChange={(e) => setConfirm(e.target.checked)}
        />
        <Button type="submit" disabled={busy || !confirm} className="margin-top-2">
          {t("admin.keys.rotate")}
        </Button>
      </form>
    </>
  );
}
