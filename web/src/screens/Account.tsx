/** The signed-in person's own account: who they are, and adding a passkey as a second factor. */
import { Alert, Button } from "@trussworks/react-uswds";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, client } from "../api.ts";
import { Facts } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { StepUpField } from "../components/StepUp.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useSignedIn } from "../session.tsx";
import { createPasskey, passkeysSupported } from "../webauthn.ts";

export function Account() {
  const { t } = useI18n();
  const session = useSignedIn();
  const [code, setCode] = useState("");
  // A passkey is a new way in: the second factor again first, for this action only.
  const addPasskey = useMutation({
    mutationFn: async () => {
      await client.stepUp(code);
      try {
        await client.registerPasskey(await createPasskey(await client.passkeyRegistrationOptions()));
      } catch (e) {
        throw e instanceof ApiError
          ? e
          : new ApiError(422, { type: "passkey", title: "", status: 422, detail: String(e) });
      }
    },
    onSettled: () => setCode(""),
  });
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
      {addPasskey.isSuccess && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("account.passkey.added")}
        </Alert>
      )}
      {addPasskey.isError && <ProblemAlert error={addPasskey.error} />}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          addPasskey.mutate();
        }}
      >
        <StepUpField id="pk-code" value={code} onChange={setCode} username={session.username} />
        <Button
          type="submit"
          className="margin-top-2"
          disabled={addPasskey.isPending || !passkeysSupported()}
        >
          {t("account.passkey.add")}
        </Button>
      </form>
    </>
  );
}
