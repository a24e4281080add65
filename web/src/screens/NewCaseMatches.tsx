/**
 * Intake's earlier-registration step (docs/identity-matching.md): once the applicant is
 * registered (or chosen), the earlier persons who may be them, across scripts and spellings, each
 * with the reasons in words and their cases with how each ended. The clerk confirms or rejects
 * each with a reason (never automatic); the new case then opens as a subsequent application with
 * the confirmed persons' earlier cases preselected as its prior cases.
 */
import {
  Button,
  Checkbox,
  ErrorMessage,
  Fieldset,
  Label,
  Radio,
  Select,
  Textarea,
} from "@trussworks/react-uswds";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { LINK_REASONS } from "../../../src/contracts/persons-matching.ts";
import { client, type PersonMatch } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { countryName } from "../components/codes.ts";
import { shortId } from "../components/common.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";

type Decision = "confirmed" | "rejected";

function MatchDecision({
  personId,
  match,
  onDecided,
}: {
  personId: string;
  match: PersonMatch;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision | "">("");
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `nm-${match.personId}`;
  const save = useMutation({
    mutationFn: () =>
      client.decidePersonLink(personId, {
        otherPersonId: match.personId,
        decision: decision as Decision,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: onDecided,
  });
  const submit = () => {
    if (!decision || !reason) return setError(t("newCase.matches.choose"));
    if (reason === "other" && !note.trim()) return setError(t("newCase.matches.noteNeeded"));
    setError(null);
    save.mutate();
  };
  return (
    <Fieldset legend={t("newCase.matches.decision")} className="margin-top-1">
      {save.isError && <ProblemAlert error={save.error} />}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      <Radio
        id={`${id}-confirmed`}
        name={`${id}-decision`}
        label={t("newCase.matches.confirm")}
        checked={decision === "confirmed"}
        onChange={() => {
          setDecision("confirmed");
          setReason("");
        }}
      />
      <Radio
        id={`${id}-rejected`}
        name={`${id}-decision`}
        label={t("newCase.matches.reject")}
        checked={decision === "rejected"}
        onChange={() => {
          setDecision("rejected");
          setReason("");
        }}
      />
      {decision && (
        <>
          <Label htmlFor={`${id}-reason`}>{t("newCase.matches.reason")}</Label>
          <Select
            id={`${id}-reason`}
            name={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          >
            <option value="">{t("common.choose")}</option>
            {LINK_REASONS[decision].map((r) => (
              <option key={r} value={r}>
                {t(`newCase.matches.reasons.${r}`)}
              </option>
            ))}
          </Select>
          <Label htmlFor={`${id}-note`}>{t("newCase.matches.note")}</Label>
          {/* A hint in the page's own ink: the alert's tint leaves the usual grey hint too faint. */}
          <p id={`${id}-note-hint`} className="margin-y-05 text-ink">
            {t("newCase.matches.noteHint")}
          </p>
          <Textarea
            id={`${id}-note`}
            name={`${id}-note`}
            value={note}
            aria-describedby={`${id}-note-hint`}
            onChange={(e) => setNote(e.target.value)}
          />
        </>
      )}
      <Button type="button" outline className="margin-top-1" disabled={save.isPending} onClick={submit}>
        {t("newCase.matches.record")}
        <span className="usa-sr-only"> {match.names.map((n) => n.value).join(" / ")}</span>
      </Button>
    </Fieldset>
  );
}

export function NewCaseMatches({
  personId,
  busy,
  onOpen,
}: {
  personId: string;
  busy: boolean;
  /** Open the case: as a subsequent application naming these earlier cases, or (none) as entered. */
  onOpen: (priorCaseIds: string[]) => void;
}) {
  const { t, date, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [items, setItems] = useState<PersonMatch[] | null>(null);
  const [ownCases, setOwnCases] = useState<PersonMatch["cases"]>([]);
  const [prior, setPrior] = useState<Set<string>>(new Set());
  const load = useMutation({
    mutationFn: () => client.personMatches(personId),
    onSuccess: (list) => {
      setItems(list.items);
      const ownEnded = list.ownCases.filter((c) => c.ending !== null);
      setOwnCases(ownEnded);
      // Preselect the applicant's own cases that ended, and those of every person confirmed to be them.
      setPrior(
        new Set([
          ...ownEnded.map((c) => c.id),
          ...list.items
            .filter((m) => m.decision?.decision === "confirmed")
            .flatMap((m) => m.cases.filter((c) => c.ending !== null).map((c) => c.id)),
        ]),
      );
    },
  });
  const reload = load.mutate;
  useEffect(() => reload(), [reload]);
  useEffect(() => {
    if (items) ref.current?.focus();
  }, [items]);
  if (load.isError) return <ProblemAlert error={load.error} />;
  if (!items) return <p>{t("common.loading")}</p>;
  const confirmed = items.filter((m) => m.decision?.decision === "confirmed");
  const confirmedCases = [...ownCases, ...confirmed.flatMap((m) => m.cases)];
  return (
    <Alert
      type="info"
      headingLevel="h2"
      heading={items.length > 0 ? t("newCase.matches.heading") : t("newCase.matches.ownHeading")}
      alertRef={ref}
      className="margin-bottom-4 person-matches"
    >
      <p>{items.length > 0 ? t("newCase.matches.intro") : t("newCase.matches.ownOnly")}</p>
      <ul className="usa-list usa-list--unstyled">
        {items.map((m) => (
          <li key={m.personId} className="margin-bottom-3 border-top-1px border-base-lighter padding-top-2">
            <strong>{m.names.map((n) => n.value).join(" / ")}</strong>
            {" · "}
            {countryName(locale, m.nationality)}
            {m.birthDate ? ` · ${date(m.birthDate)}` : ""}
            <br />
            <span className="match-explanation">{m.explanation[locale === "ko" ? "ko" : "en"]}</span>
            {" · "}
            {t("newCase.matches.score", { score: m.score.toFixed(1) })}
            {m.cases.length > 0 && (
              <>
                <br />
                {t("newCase.matches.cases")}:{" "}
                {m.cases.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ", "}
                    <Link to={`/cases/${c.id}`}>
                      {c.caseNumber ?? t("common.caseNo", { id: shortId(c.id) })}
                    </Link>
                    {` (${date(c.filedOn)}, `}
                    {c.ending
                      ? t("newCase.matches.ended", {
                          ending: t(`newCase.matches.ending.${c.ending.ending}`),
                          date: date(c.ending.finalOn),
                        })
                      : t("newCase.matches.running")}
                    {")"}
                  </span>
                ))}
              </>
            )}
            <br />
            {m.decision ? (
              <strong className="match-decision">
                {t(
                  m.decision.decision === "confirmed"
                    ? "newCase.matches.confirmed"
                    : "newCase.matches.rejected",
                  {
                    reason: t(
                      `newCase.matches.reasons.${m.decision.reason as (typeof LINK_REASONS)[Decision][number]}`,
                    ),
                    who: m.decision.decidedBy,
                  },
                )}
              </strong>
            ) : (
              <MatchDecision personId={personId} match={m} onDecided={() => reload()} />
            )}
          </li>
        ))}
      </ul>
      {confirmedCases.length > 0 && (
        <Fieldset legend={t("newCase.matches.priorCases")} className="margin-bottom-2">
          <p className="text-ink">{t("newCase.matches.priorHint")}</p>
          {confirmedCases.map((c) => (
            <Checkbox
              key={c.id}
              id={`nm-prior-${c.id}`}
              name="priorCaseIds"
              label={`${c.caseNumber ?? shortId(c.id)} (${date(c.filedOn)})`}
              checked={prior.has(c.id)}
              onChange={(e) =>
                setPrior((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  return next;
                })
              }
            />
          ))}
        </Fieldset>
      )}
      <Button type="button" disabled={busy} onClick={() => onOpen([...prior])}>
        {prior.size > 0 ? t("newCase.matches.openSubsequent") : t("newCase.matches.openCase")}
      </Button>
    </Alert>
  );
}
