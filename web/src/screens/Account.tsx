/**
 * The signed-in person's own account: who they are, a passkey, a new password and a new
 * authenticator app. Each change asks for the second factor again first, for that change alone.
 */
import { Alert, Button, Label, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, client } from "../api.ts";
import { Facts } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { StepUpField } from "../components/StepUp.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useOfficeName } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { createPasskey, passkeysSupported } from "../webauthn.ts";

export function Account() {
  const { t } = useI18n();
  const session = useSignedIn();
  const office = useOfficeName();
  return (
    <>
      <h1>{t("account.heading")}</h1>
      <Facts
        items={[
          [t("signIn.username"), session.username],
          [t("admin.users.role"), t(`role.${session.role}` as MessageKey)],
          [t("case.office"), session.officeId ? office(session.officeId) : t("common.none")],
        ]}
      />
      <Notifications />
      <Passkey username={session.username} />
      <Password username={session.username} />
      <Authenticator username={session.username} />
    </>
  );
}

function Done({ text }: { text: string }) {
  return (
    <Alert type="success" headingLevel="h3" slim role="status">
      {text}
    </Alert>
  );
}

/**
 * E-mail notifications, where the deployment sends e-mail: the address to be told at when a
 * decision is returned or waits for approval. Messages name the case by its number only.
 */
function Notifications() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["notifications"],
    queryFn: ({ signal }) => client.notificationSettings(signal),
  });
  const [email, setEmail] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: string | null) => client.setNotificationSettings(value),
    onSuccess: (data) => {
      queryClient.setQueryData(["notifications"], data);
      setEmail(null);
    },
  });
  if (!settings.data) return null;
  const current = settings.data.email;
  return (
    <section>
      <h2>{t("account.notifications.heading")}</h2>
      {!settings.data.available ? (
        <p>{t("account.notifications.unavailable")}</p>
      ) : (
        <>
          <p>{t("account.notifications.intro")}</p>
          {save.isSuccess && (
            <Done
              text={
                save.data.email
                  ? t("account.notifications.saved", { email: save.data.email })
                  : t("account.notifications.removed")
              }
            />
          )}
          {save.isError && <ProblemAlert error={save.error} />}
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate((email ?? current ?? "").trim() || null);
            }}
          >
            <Label htmlFor="nt-email">{t("account.notifications.email")}</Label>
            <TextInput
              id="nt-email"
              name="email"
              type="email"
              autoComplete="email"
              value={email ?? current ?? ""}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Button type="submit" className="margin-top-2" disabled={save.isPending}>
              {t("account.notifications.save")}
            </Button>
            {current && (
              <Button
                type="button"
                unstyled
                className="margin-left-2 margin-top-2"
                onClick={() => save.mutate(null)}
              >
                {t("account.notifications.stop")}
              </Button>
            )}
          </form>
        </>
      )}
    </section>
  );
}

function Passkey({ username }: { username: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const add = useMutation({
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
    <section>
      <h2>{t("account.passkey.heading")}</h2>
      <p>{t("account.passkey.intro")}</p>
      {add.isSuccess && <Done text={t("account.passkey.added")} />}
      {add.isError && <ProblemAlert error={add.error} />}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <StepUpField id="pk-code" value={code} onChange={setCode} username={username} />
        <Button type="submit" className="margin-top-2" disabled={add.isPending || !passkeysSupported()}>
          {t("account.passkey.add")}
        </Button>
      </form>
    </section>
  );
}

function Password({ username }: { username: string }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ code: "", currentPassword: "", newPassword: "" });
  const change = useMutation({
    mutationFn: async () => {
      await client.stepUp(form.code);
      return client.changePassword({ currentPassword: form.currentPassword, newPassword: form.newPassword });
    },
    onSettled: () => setForm({ code: "", currentPassword: "", newPassword: "" }),
  });
  return (
    <section>
      <h2>{t("account.password.heading")}</h2>
      {change.data && <Done text={t("account.password.changed", { n: change.data.sessionsEnded })} />}
      {change.isError && <ProblemAlert error={change.error} />}
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <Label htmlFor="pw-current">{t("account.password.current")}</Label>
        <TextInput
          id="pw-current"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={form.currentPassword}
          onChange={(e) => setForm((f) => ({ ...f, currentPassword: e.target.value }))}
        />
        <Label htmlFor="pw-new" hint={t("account.password.newHint")}>
          {t("account.password.new")}
        </Label>
        <TextInput
          id="pw-new"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          value={form.newPassword}
          onChange={(e) => setForm((f) => ({ ...f, newPassword: e.target.value }))}
        />
        <StepUpField
          id="pw-code"
          value={form.code}
          onChange={(code) => setForm((f) => ({ ...f, code }))}
          username={username}
        />
        <Button type="submit" className="margin-top-2" disabled={change.isPending}>
          {t("account.password.submit")}
        </Button>
      </form>
    </section>
  );
}

function Authenticator({ username }: { username: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [newCode, setNewCode] = useState("");
  const start = useMutation({
    mutationFn: async () => {
      await client.stepUp(code);
      return client.startTotpChange();
    },
    onSettled: () => setCode(""),
  });
  const confirm = useMutation({
    mutationFn: () => client.confirmTotpChange(newCode),
    onSuccess: () => start.reset(),
    onSettled: () => setNewCode(""),
  });
  return (
    <section>
      <h2>{t("account.totp.heading")}</h2>
      <p>{t("account.totp.intro")}</p>
      {confirm.data && <Done text={t("account.totp.changed", { n: confirm.data.sessionsEnded })} />}
      {start.isError && <ProblemAlert error={start.error} />}
      {confirm.isError && <ProblemAlert error={confirm.error} />}
      {start.data ? (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate();
          }}
        >
          <p>
            {t("account.totp.secret")} <code className="font-mono-sm">{start.data.secret}</code>
          </p>
          <p>
            <a href={start.data.uri}>{t("account.totp.link")}</a>
          </p>
          <Label htmlFor="totp-new">{t("account.totp.code")}</Label>
          <TextInput
            id="totp-new"
            name="totp"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={newCode}
            onChange={(e) => setNewCode(e.target.value)}
          />
          <Button type="submit" className="margin-top-2" disabled={confirm.isPending}>
            {t("account.totp.confirm")}
          </Button>
        </form>
      ) : (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            confirm.reset();
            start.mutate();
          }}
        >
          <StepUpField id="totp-code" value={code} onChange={setCode} username={username} />
          <Button type="submit" className="margin-top-2" disabled={start.isPending}>
            {t("account.totp.start")}
          </Button>
        </form>
      )}
    </section>
  );
}
