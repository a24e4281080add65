/** Keys: the key versions in use, and rotating the key-encryption key after a second factor. */
import { Button, Checkbox } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client } from "../../api.ts";
import { Loading } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { StepUpField } from "../../components/StepUp.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { keys, queries } from "../../queries.ts";
import { useSignedIn } from "../../session.tsx";
import { ActionOutcome, DataView } from "./shared.tsx";

export function Keys() {
  const { t } = useI18n();
  const session = useSignedIn();
  const status = useQuery(queries.keys());
  const [code, setCode] = useState("");
  const [confirm, setConfirm] = useState(false);
  const queryClient = useQueryClient();
  // The second factor again, then the rotation.
  const rotate = useMutation({
    mutationFn: async () => {
      await client.stepUp(code);
      return client.rotateKeys();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.keys }),
  });
  const busy = rotate.isPending;
  return (
    <>
      <h2>{t("admin.keys.heading")}</h2>
      <p>{t("admin.keys.intro")}</p>
      <ActionOutcome
        actions={[
          [
            rotate,
            rotate.data &&
              t("admin.keys.rotated", { version: rotate.data.kekVersion, n: rotate.data.rewrapped }),
          ],
        ]}
      />
      {status.error ? (
        <ProblemAlert error={status.error} />
      ) : !status.data ? (
        <Loading />
      ) : (
        <DataView value={status.data} />
      )}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          rotate.mutate();
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
