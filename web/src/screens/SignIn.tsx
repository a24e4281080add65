/** Sign-in: password and a second factor (a code from the authenticator app, or a passkey). */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, client } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { queries } from "../queries.ts";
import { useSession } from "../session.tsx";
import { getPasskeyAssertion, passkeysSupported } from "../webauthn.ts";

/** A path inside the app to return to after signing in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

function DemoAccountsPanel({ onUse }: { onUse: (username: string, password: string, code: string) => void }) {
  const { t } = useI18n();
  // Outside demo mode the list is not there (404), and neither is the panel.
  const { data: demo, isError } = useQuery(queries.demoAccounts());
  if (!demo || isError) return null;
  return (
    <section className="demo-accounts margin-top-4" aria-labelledby="demo-heading">
      <h2 id="demo-heading" className="font-heading-md">
        {t("signIn.demo.heading")}
      </h2>
      <p className="usa-hint">{t("signIn.demo.hint", { password: demo.password })}</p>
      {/* On a phone each account is a block of its own (stacked), its button on the screen. */}
      <table className="usa-table usa-table--compact usa-table--borderless usa-table--stacked width-full">
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
              <th scope="row" data-label={t("signIn.username")}>
                {a.username}
              </th>
              <td data-label={t("admin.users.role")}>{t(`role.${a.role}` as MessageKey)}</td>
              <td className="font-mono-sm" data-label={t("signIn.demo.code")}>
                {a.code}
              </td>
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
  const signIn = useMutation({
    mutationFn: async () => {
      try {
        const second =
          method === "passkey"
            ? { passkey: await getPasskeyAssertion(await client.passkeyLoginOptions(username)) }
            : { totp: totp.trim() };
        await client.login({ username: username.trim(), password, ...second });
        return await client.session();
      } catch (err) {
        throw err instanceof ApiError
          ? err
          : new ApiError(401, { type: "passkey", title: "", status: 401, detail: String(err) });
      }
    },
    onSuccess: (session) => {
      setSession(session);
      void navigate(next, { replace: true });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate();
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
          <Alert type="info" headingLevel="h2" heading={t("signIn.expired.heading")}>
            {t("signIn.expired.text")}
          </Alert>
        )}
        {signIn.isError && <ProblemAlert error={signIn.error} focus />}
        {/* The design system's classes, without its React components: see components/Alert.tsx. */}
        <form className="usa-form usa-form--large" onSubmit={submit}>
          <label className="usa-label" htmlFor="username">
            {t("signIn.username")}
          </label>
          <input
            className="usa-input"
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <label className="usa-label" htmlFor="password">
            {t("signIn.password")}
          </label>
          <input
            className="usa-input"
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <fieldset className="usa-fieldset margin-top-3">
            <legend className="usa-legend">{t("signIn.secondFactor")}</legend>
            <div className="usa-radio">
              <input
                className="usa-radio__input"
                id="method-totp"
                name="method"
                type="radio"
                checked={method === "totp"}
                onChange={() => setMethod("totp")}
              />
              <label className="usa-radio__label" htmlFor="method-totp">
                {t("signIn.method.totp")}
              </label>
            </div>
            <div className="usa-radio">
              <input
                className="usa-radio__input"
                id="method-passkey"
                name="method"
                type="radio"
                checked={method === "passkey"}
                disabled={!passkeysSupported()}
                onChange={() => setMethod("passkey")}
              />
              <label className="usa-radio__label" htmlFor="method-passkey">
                {t("signIn.method.passkey")}
              </label>
            </div>
          </fieldset>
          {method === "totp" && (
            <>
              <label className="usa-label" htmlFor="totp">
                {t("signIn.code")}
                <span className="usa-hint">{t("signIn.codeHint")}</span>
              </label>
              <input
                className="usa-input"
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
          <button type="submit" className="usa-button margin-top-3" disabled={signIn.isPending}>
            {signIn.isPending ? t("common.working") : t("signIn.submit")}
          </button>
        </form>
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
