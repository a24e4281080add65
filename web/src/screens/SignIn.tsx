/** Sign-in: password and a second factor (a code from the authenticator app, or a passkey). */
import { Alert, Button, Fieldset, Form, Label, Radio, TextInput } from "@trussworks/react-uswds";
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { api, ApiError } from "../api.ts";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { LanguageSwitch } from "../components/Layout.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useSession, type Session } from "../session.tsx";
import { getPasskeyAssertion, passkeysSupported } from "../webauthn.ts";

interface DemoAccounts {
  password: string;
  accounts: { username: string; displayName: string; role: string; officeId: string | null; code: string }[];
}

/** A path inside the app to return to after signing in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

function DemoAccountsPanel({ onUse }: { onUse(username: string, password: string, code: string): void }) {
  const { t } = useI18n();
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<DemoAccounts>("/public/demo-accounts")
        .then((r) => live && setDemo(r.data))
        .catch(() => live && setDemo(null));
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!demo) return null;
  return (
    <section className="demo-accounts margin-top-4" aria-labelledby="demo-heading">
      <h2 id="demo-heading" className="font-heading-md">
        {t("signIn.demo.heading")}
      </h2>
      <p className="usa-hint">{t("signIn.demo.hint", { password: demo.password })}</p>
      <table className="usa-table usa-table--compact usa-table--borderless width-full">
        <caption className="usa-sr-only">{t("signIn.demo.heading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("signIn.username")}</th>
            <th scope="col">{t("admin.users.role")}</th>
            <th scope="col">{t("signIn.demo.code")}</th>
            <th scope="col">
              <span className="usa-sr-only">{t("signIn.demo.use")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {demo.accounts.map((a) => (
            <tr key={a.username}>
              <th scope="row">{a.username}</th>
              <td>{t(`role.${a.role}` as MessageKey)}</td>
              <td className="font-mono-sm">{a.code}</td>
              <td>
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  aria-label={t("signIn.demo.useAs", { user: a.username })}
                  onClick={() => onUse(a.username, demo.password, a.code)}
                >
                  {t("signIn.demo.use")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SignIn() {
  const { t } = useI18n();
  const { setSession, expired } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [method, setMethod] = useState<"totp" | "passkey">("totp");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let second: Record<string, unknown>;
      if (method === "passkey") {
        const options = await api.post<unknown>("/auth/passkey/options", { username });
        second = { passkey: await getPasskeyAssertion(options.data) };
      } else {
        second = { totp: totp.trim() };
      }
      await api.post("/auth/login", { username: username.trim(), password, ...second });
      const s = await api.get<Session>("/auth/session");
      setSession(s.data);
      navigate(next, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(401, { type: "passkey", title: "", status: 401, detail: String(err) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <header className="sign-in__top">
        <p className="app-name">{t("app.name")}</p>
        <LanguageSwitch />
      </header>
      <main id="main-content" className="sign-in__main">
        <h1>{t("signIn.heading")}</h1>
        <p className="usa-intro">{t("signIn.intro")}</p>
        {(expired || params.get("expired")) && (
          <Alert type="info" headingLevel="h2" heading={t("signIn.expired.heading")} slim={false}>
            {t("signIn.expired.text")}
          </Alert>
        )}
        {error !== null && <ProblemAlert error={error} />}
        <Form onSubmit={(e) => void submit(e)} large>
          <Label htmlFor="username">{t("signIn.username")}</Label>
          <TextInput
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <Label htmlFor="password">{t("signIn.password")}</Label>
          <TextInput
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Fieldset legend={t("signIn.secondFactor")} className="margin-top-3">
            <Radio
              id="method-totp"
              name="method"
              label={t("signIn.method.totp")}
              checked={method === "totp"}
              onChange={() => setMethod("totp")}
            />
            <Radio
              id="method-passkey"
              name="method"
              label={t("signIn.method.passkey")}
              checked={method === "passkey"}
              disabled={!passkeysSupported()}
              onChange={() => setMethod("passkey")}
            />
          </Fieldset>
          {method === "totp" && (
            <>
              <Label htmlFor="totp" hint={t("signIn.codeHint")}>
                {t("signIn.code")}
              </Label>
              <TextInput
                id="totp"
                name="totp"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            </>
          )}
          <Button type="submit" disabled={busy} className="margin-top-3">
            {busy ? t("common.working") : t("signIn.submit")}
          </Button>
        </Form>
        <DemoAccountsPanel
          onUse={(u, p, c) => {
            setUsername(u);
            setPassword(p);
            setTotp(c);
            setMethod("totp");
          }}
        />
      </main>
    </div>
  );
}
