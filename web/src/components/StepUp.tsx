/** Confirming the second factor again before a sensitive action (approvals, key rotation). */
import { Label, TextInput } from "@trussworks/react-uswds";
import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { useI18n } from "../i18n/index.tsx";

/** In demo mode only: the signed-in demo account's current code, so the browser alone suffices. */
export function useDemoCode(username: string): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<{ accounts: { username: string; code: string }[] }>("/public/demo-accounts")
        .then((r) => live && setCode(r.data.accounts.find((a) => a.username === username)?.code ?? null))
        .catch(() => live && setCode(null));
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [username]);
  return code;
}

export function StepUpField({
  id,
  value,
  onChange,
  username,
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  username: string;
}) {
  const { t } = useI18n();
  const demo = useDemoCode(username);
  return (
    <>
      <Label htmlFor={id} hint={t("stepUp.hint")}>
        {t("stepUp.code")}
      </Label>
      {demo && <p className="usa-hint margin-y-05">{t("stepUp.demo", { code: demo })}</p>}
      <TextInput
        id={id}
        name="totp"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

export async function stepUp(totp: string): Promise<void> {
  await api.post("/auth/step-up", { totp: totp.trim() });
}
