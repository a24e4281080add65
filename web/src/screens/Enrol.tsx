/**
 * Enrolment: a new account's user sets their own password and authenticator app (docs/security.md
 * requirement 18). The link (`/enrol#<secret>`, from the administrator who requested the account)
 * and the one-time code (from the one who approved it) are the credential; the authenticator
 * secret is shown here only, to the user. The secret stays in the URL's fragment, which the
 * browser never sends to a server.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { client } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";

export function Enrol() {
  const { t } = useI18n();
  const [link] = useState(() => window.location.hash.slice(1));
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const start = useMutation({ mutationFn: () => client.startEnrolment({ link, code: code.trim() }) });
  const complete = useMutation({
    mutationFn: () => client.completeEnrolment({ link, code: code.trim(), password, totp: totp.trim() }),
  });
  function begin(e: FormEvent) {
    e.preventDefault();
    start.mutate();
  }
  function finish(e: FormEvent) {
    e.preventDefault();
    complete.mutate();
  }
  const started = start.data;
  return (
    <div className="sign-in">
      <header className="sign-in__top">
        <p className="app-name">{t("app.name")}</p>
        <LanguageSwitch />
      </header>
      <main id="main-content" className="sign-in__main">
        <h1>{t("enrol.heading")}</h1>
        {!link ? (
          <Alert type="error" headingLevel="h2" heading={t("enrol.noLink.heading")}>
            {t("enrol.noLink.text")}
          </Alert>
        ) : complete.isSuccess ? (
          <>
            <Alert type="success" headingLevel="h2" heading={t("enrol.done.heading")}>
              {t("enrol.done.text", { user: complete.data.username })}
            </Alert>
            <p>
              <Link to="/sign-in" className="usa-button">
                {t("signIn.submit")}
              </Link>
            </p>
          </>
        ) : !started ? (
          <>
            <p className="usa-intro">{t("enrol.intro")}</p>
            {start.isError && <ProblemAlert error={start.error} />}
            <form className="usa-form usa-form--large" onSubmit={begin}>
              <label className="usa-label" htmlFor="enrol-code">
                {t("enrol.code")}
                <span className="usa-hint">{t("enrol.codeHint")}</span>
              </label>
              <input
                className="usa-input"
                id="enrol-code"
                name="code"
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                required
                maxLength={32}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <button type="submit" className="usa-button margin-top-3" disabled={start.isPending}>
                {t("enrol.continue")}
              </button>
            </form>
          </>
        ) : (
          <>
            <p className="usa-intro">{t("enrol.account", { user: started.username })}</p>
            <h2>{t("enrol.authenticator.heading")}</h2>
            <p>{t("enrol.authenticator.text")}</p>
            <p>
              <code className="font-mono-sm" data-testid="totp-secret">
                {started.totp.secret}
              </code>
            </p>
            <p className="usa-hint">
              <span className="usa-sr-only">{t("enrol.uri")} </span>
              <code className="font-mono-xs secret-text">{started.totp.uri}</code>
            </p>
            {complete.isError && <ProblemAlert error={complete.error} />}
            <form className="usa-form usa-form--large" onSubmit={finish}>
              <label className="usa-label" htmlFor="enrol-password">
                {t("enrol.password")}
                <span className="usa-hint">{t("admin.users.passwordHint")}</span>
              </label>
              <input
                className="usa-input"
                id="enrol-password"
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={12}
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <label className="usa-label" htmlFor="enrol-totp">
                {t("signIn.code")}
                <span className="usa-hint">{t("enrol.totpHint")}</span>
              </label>
              <input
                className="usa-input"
                id="enrol-totp"
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
              <button type="submit" className="usa-button margin-top-3" disabled={complete.isPending}>
                {t("enrol.finish")}
              </button>
            </form>
          </>
        )}
      </main>
    </div>
  );
}
