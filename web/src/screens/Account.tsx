/** The signed-in person's own account: who they are, and adding a passkey as a second factor. */
import { Alert, Button } from "@trussworks/react-uswds";
import { useState } from "react";
import { api, ApiError } from "../api.ts";
import { Facts } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useSignedIn } from "../session.tsx";
import { createPasskey, passkeysSupported } from "../webauthn.ts";

export function Account() {
  const { t } = useI18n();
  const session = useSignedIn();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  async function addPasskey() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const options = await api.post<unknown>("/auth/passkeys/options");
      await api.post("/auth/passkeys", await createPasskey(options.data));
      setDone(true);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e
          : new ApiError(422, { type: "passkey", title: "", status: 422, detail: String(e) }),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <h1>{t("account.heading")}</h1>
      <Facts
        items={[
          [t("signIn.username"), session.username],
          [t("admin.users.role"), t(`role.${session.role}` as MessageKey)],
          [t("case.office"), session.officeId ?? t("common.none")],
        ]}
      />
      <h2>{t("account.passkey.heading")}</h2>
      <p>{t("account.passkey.intro")}</p>
      {done && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("account.passkey.added")}
        </Alert>
      )}
      {error !== null && <ProblemAlert error={error} />}
      <Button type="button" onClick={() => void addPasskey()} disabled={busy || !passkeysSupported()}>
        {t("account.passkey.add")}
      </Button>
    </>
  );
}
