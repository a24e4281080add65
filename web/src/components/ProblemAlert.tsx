/** A refusal or failure, in words a clerk understands, with the server's own words folded away. */
import { useEffect, useRef } from "react";
import { Alert } from "./Alert.tsx";
import { ApiError, type Problem } from "../api.ts";
import { useI18n, type I18n, type MessageKey } from "../i18n/index.tsx";
import { vocabularyOf, type Vocabulary } from "../vocabulary.ts";

export interface ExplainedProblem {
  heading: string;
  text: string;
  items: string[];
}

const kindOf = (p: Problem) => p.type.split("/").pop() ?? "";

/** `vocabulary`: the words of the case's profile, for a refusal's stage, events and fields. */
export function explainProblem(i18n: I18n, error: unknown, vocabulary?: Vocabulary): ExplainedProblem {
  const { t } = i18n;
  const words = vocabulary ?? vocabularyOf(i18n, []);
  if (!(error instanceof ApiError)) {
    return { heading: t("problem.unexpected.heading"), text: t("problem.unexpected.text"), items: [] };
  }
  const p = error.problem;
  const kind = kindOf(p);
  const say = (k: string, vars?: Record<string, string>) => ({
    heading: t(`problem.${k}.heading` as MessageKey),
    text: t(`problem.${k}.text` as MessageKey, vars),
    items: [] as string[],
  });
  if (error.status === 0) return say("network");
  const procedure = kind === "procedure-refused" || (p.stage && p.allowedEvents);
  // The event is allowed now, but a rule of the law refuses it as entered: say which rule.
  if (procedure && error.status === 422 && !p.issues?.length) {
    const inWords = p.rule ? words.rule(p.rule.key, p.rule.params) : null;
    return { ...say("rule"), items: inWords ? [inWords] : p.detail ? [p.detail] : [] };
  }
  if (procedure && !(error.status === 422 && p.issues?.length)) {
    const allowed = (p.allowedEvents ?? []).map((e) => words.event(e));
    return {
      ...say("procedure", { stage: words.stage(p.stage) }),
      items: allowed.length
        ? [t("problem.procedure.allowed", { events: i18n.list(allowed) })]
        : [t("problem.procedure.nothingAllowed")],
    };
  }
  if (error.status === 412 || kind === "version-mismatch") return say("stale");
  if (kind === "step-up-required") return say("stepUp");
  if (kind === "sign-in-refused")
    return say(error.status === 401 && p.title === "Not confirmed" ? "notConfirmed" : "signIn");
  if (error.status === 401) return say("unauthenticated");
  if (kind === "cross-origin") return say("crossOrigin");
  if (error.status === 403) return say("forbidden");
  if (error.status === 404) return say("notFound");
  if (error.status === 429) return say("tooMany");
  if (error.status === 422 || kind === "invalid-input") {
    return {
      ...say("invalid"),
      items: (p.issues ?? []).map((i) => {
        const path = i.path.replace(/^body\.?/, "");
        return `${path ? words.field(path) : t("problem.invalid.request")}: ${i.message}`;
      }),
    };
  }
  if (kind === "translation-not-final") return { ...say("notFinal"), items: p.detail ? [p.detail] : [] };
  if (error.status === 409) return say("conflict");
  if (error.status >= 500) return say("server");
  return say("unexpected");
}

export function ProblemAlert({
  error,
  vocabulary,
  onReload,
  focus = false,
}: {
  error: unknown;
  /** The words of the case's profile, when the problem is about a case. */
  vocabulary?: Vocabulary;
  onReload?: () => void;
  /**
   * Move focus to the alert (scrolling it into view) each time a new error is shown: for a form
   * whose error appears above it, out of sight of the button that was pressed.
   */
  focus?: boolean;
}) {
  const i18n = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: "center" });
  }, [focus, error]);
  const { heading, text, items } = explainProblem(i18n, error, vocabulary);
  const detail = error instanceof ApiError ? error.problem.detail : "";
  const stale = error instanceof ApiError && error.status === 412;
  return (
    <Alert
      type="error"
      headingLevel="h3"
      heading={heading}
      role="alert"
      className="problem"
      {...(focus ? { alertRef: ref } : {})}
    >
      <p className="margin-y-05">{text}</p>
      {items.length > 0 && (
        <ul className="margin-y-05">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {stale && onReload && (
        <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={onReload}>
          {i18n.t("problem.stale.reload")}
        </button>
      )}
      {detail && (
        <details className="margin-top-1">
          <summary>{i18n.t("problem.details")}</summary>
          <p className="font-mono-2xs">{detail}</p>
        </details>
      )}
    </Alert>
  );
}
