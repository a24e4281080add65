/**
 * A case: the person, where the case stands (stage, applicant status, protection, removal bar,
 * finality), its deadlines, the actions the procedure allows now, and its timeline. Events are
 * recorded with the version the page was opened at (If-Match): a change made meanwhile by someone
 * else is reported, never overwritten.
 */
import { Alert, Button, Tag } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { hasRight, rightOfAct } from "../../../src/security/access/rights.ts";
import { ApiError, client, type CaseView } from "../api.ts";
import {
  daysFrom,
  DeadlineLegend,
  DeadlinesTable,
  Facts,
  Loading,
  shortId,
  todayIn,
} from "../components/common.tsx";
import { EventForm, type ProfileEvent } from "../components/EventForm.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type I18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { officeName, useOfficeName, useOffices } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { useVocabulary, type Vocabulary } from "../vocabulary.ts";
import { CaseDisclosures } from "./CaseDisclosures.tsx";
import { PersonContact } from "./PersonContact.tsx";
import { PersonCountries } from "./PersonCountries.tsx";
import { countryName, languageName } from "../components/codes.ts";
import { otherNames, primaryName } from "./Cases.tsx";
import { CaseAssignment } from "./CaseAssignment.tsx";
import { CaseDrafts } from "./CaseDrafts.tsx";
import { EvidenceSection, RemovalHolds } from "./case/evidence/EvidenceSection.tsx";
import { CitationsSection } from "./case/coi/CitationsSection.tsx";
import { InterviewsSection } from "./case/interviews/InterviewsSection.tsx";
import { NoticesSection } from "./case/notices/NoticesSection.tsx";
import { ExaminationSection } from "./case/examination/ExaminationSection.tsx";
import { WhatIsNewSection } from "./case/what-is-new/WhatIsNewSection.tsx";
import { EligibilitySection } from "./case/eligibility/EligibilitySection.tsx";
import { TranslationsSection } from "./case/translations/TranslationsSection.tsx";

function valueText(
  i18n: I18n,
  words: Vocabulary,
  office: (code: string) => string,
  key: string,
  v: unknown,
): string {
  if (v === null || v === undefined) return i18n.t("common.none");
  // An office by its name in the reader's language, never its code.
  if (key === "office" && typeof v === "string") return office(v);
  if (typeof v === "boolean") return v ? i18n.t("common.yes") : i18n.t("common.no");
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return i18n.date(v);
  if (typeof v === "object" && !Array.isArray(v))
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${words.field(k)}: ${valueText(i18n, words, office, k, x)}`)
      .join(", ");
  if (Array.isArray(v)) return v.map((x) => valueText(i18n, words, office, key, x)).join(", ");
  return words.value(key, v as string | number);
}

/** An event's data, named in the words of the case's profile. */
export function EventDetails({
  data,
  vocabulary,
}: {
  data: Record<string, unknown>;
  vocabulary: Vocabulary;
}) {
  const i18n = useI18n();
  const office = useOfficeName();
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <ul className="timeline__data">
      {entries.map(([k, v]) =>
        // Free text (reasons, corrections) as written: its paragraphs and lists kept, never as HTML.
        typeof v === "string" && (v.includes("\n") || v.length > 120) ? (
          <li key={k}>
            <span className="text-base-dark">{vocabulary.field(k)}</span>
            <div className="event-text">{v}</div>
          </li>
        ) : (
          <li key={k}>
            <span className="text-base-dark">{vocabulary.field(k)}</span>{" "}
            {valueText(i18n, vocabulary, office, k, v)}
          </li>
        ),
      )}
    </ul>
  );
}

export function CasePage() {
  const { id = "" } = useParams();
  const i18n = useI18n();
  const { t, tv, date, dateTime, number, locale, list } = i18n;
  const session = useSignedIn();
  const offices = useOffices();
  const [action, setAction] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();

  // The case with the version it was read at, its timeline, its procedure profile (read once per
  // page load) and the applicant (whom some roles may not see: then the page says so).
  const opened = useQuery(queries.case(id));
  const timeline = useQuery(queries.caseEvents(id));
  const drafts = useQuery(queries.caseDrafts(id));
  const view = opened.data?.view;
  const profileQuery = useQuery({ ...queries.profile(view?.profile ?? ""), enabled: view !== undefined });
  // The case's profile's own words: its events, stage, deadline kinds, fields and values.
  const words = useVocabulary(view?.profile);
  const personQuery = useQuery({ ...queries.person(view?.personId ?? ""), enabled: view !== undefined });
  // An event that happened earlier (a paper file, a letter received last week) is entered on the
  // day it happened: the actions are then those the procedure allowed on that day.
  const timeZone = profileQuery.data?.timeZone ?? "Asia/Seoul";
  const today = todayIn(timeZone);
  const [happenedOn, setHappenedOn] = useState("");
  const backdated = /^\d{4}-\d{2}-\d{2}$/.test(happenedOn) && happenedOn < today ? happenedOn : null;
  const past = useQuery({ ...queries.caseAsOf(id, backdated ?? today), enabled: backdated !== null });

  // An event is sent with the version the page shows (If-Match): a change made meanwhile is
  // refused with 412, never overwritten.
  const record = useMutation({
    mutationFn: ({ event, version }: { event: Record<string, unknown>; version: string }) =>
      client.recordEvent(id, event, version),
    onSuccess: async (res, { event }) => {
      const type = String(event.type);
      void queryClient.invalidateQueries({ queryKey: keys.deadlines });
      void queryClient.invalidateQueries({ queryKey: keys.caseSearches });
      if (res.status === 202) {
        void queryClient.invalidateQueries({ queryKey: keys.approvals });
        void queryClient.invalidateQueries({ queryKey: keys.inbox });
        setNotice(t("case.actions.sentForApproval", { event: words.event(type) }));
        setAction(null);
        await queryClient.invalidateQueries({ queryKey: keys.case(id) });
        return;
      }
      const recorded = res.data as CaseView;
      queryClient.setQueryData(keys.case(id), {
        view: recorded,
        version: res.etag ?? `"${recorded.version}"`,
      });
      await queryClient.invalidateQueries({ queryKey: keys.caseEvents(id) });
      setNotice(t("case.actions.recorded", { event: words.event(type) }));
      setAction(null);
    },
  });

  const failed =
    opened.error ??
    timeline.error ??
    profileQuery.error ??
    (personQuery.error instanceof ApiError ? null : personQuery.error);
  if (failed) {
    return (
      <>
        <h1>{t("case.notFound.heading")}</h1>
        <ProblemAlert error={failed} vocabulary={words} />
      </>
    );
  }
  if (!opened.data || !view || !timeline.data || profileQuery.isPending || personQuery.isPending)
    return <Loading />;
  const { version } = opened.data;
  const profile = profileQuery.data;
  const person = personQuery.data ?? null;
  // The events the procedure allows now that the user's role may record, as the profile describes them.
  const described = new Map((profile?.events ?? []).map((e) => [e.type, e]));
  const then = backdated ? (past.data ?? null) : view;
  // Days between the day an event happened and the day it was entered (in the profile's time zone).
  const enteredAfter = (e: { occurredOn: string; recordedAt: string }) =>
    daysFrom(e.occurredOn, new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(e.recordedAt)));
  const lastOn = timeline.data.at(-1)?.occurredOn ?? view.filedOn;
  // While a draft waits for approval, no other event that needs one is offered (the API refuses it).
  const pending = drafts.data?.[0]?.status === "pending";
  const actions = (then?.allowedEvents ?? []).filter((type) => {
    const e = described.get(type);
    if (pending && (e?.needsApproval || e?.removesProtection)) return false;
    // The eligibility review is proposed in its own section, under the office's policy.
    if (type === "eligibility_decided") return false;
    return e !== undefined && hasRight(session.role, rightOfAct(e.act));
  });
  const chosenEvent = action ? described.get(action) : undefined;
  const chosen: (ProfileEvent & { timeZone: string }) | undefined =
    chosenEvent && profile ? { ...chosenEvent, timeZone: profile.timeZone } : undefined;
  const name = person ? primaryName(person.names) : t("case.applicantHidden");

  async function submit(event: Record<string, unknown>) {
    try {
      await record.mutateAsync({ event, version });
    } catch {
      // Shown by the form's ProblemAlert (record.error).
    }
  }

  const reload = () => {
    record.reset();
    setAction(null);
    setNotice(null);
    void queryClient.invalidateQueries({ queryKey: keys.case(id) });
  };

  return (
    <>
      <div className="case-head">
        <h1 className="margin-bottom-05">{name}</h1>
        {person && otherNames(person.names).length > 0 && (
          <p className="margin-top-0 text-base-dark" lang="und">
            {otherNames(person.names).join(" · ")}
          </p>
        )}
        <p className="margin-top-05 case-head__meta">
          <span>{view.caseNumber ?? t("common.caseNo", { id: shortId(view.id) })}</span>
          <span>{officeName(offices, view.office, locale)}</span>
          <span>{t("case.filedOnValue", { date: date(view.filedOn) })}</span>
          <span>{tv("channel", view.channel)}</span>
          <span>{tv("caseKind", view.kind)}</span>
        </p>
      </div>
      <RemovalHolds view={view} />
      {notice && (
        <Alert type="success" headingLevel="h2" slim role="status">
          {notice}
        </Alert>
      )}
      <div className="grid-row grid-gap-lg">
        <div className="grid-col-12 desktop:grid-col-7">
          <section aria-labelledby="status-heading" className="case-section">
            <h2 id="status-heading">{t("case.status.heading")}</h2>
            <Facts
              items={[
                [t("case.stage"), <strong key="s">{words.stage(view.stage)}</strong>],
                [t("worklist.assignee"), view.assignee?.displayName ?? t("worklist.nobody")],
                [t("case.applicantStatus"), tv("applicantStatus", view.applicantStatus)],
                [t("case.protection"), tv("protection", view.protection)],
                [
                  t("case.removalBar"),
                  view.removalBarred ? (
                    <span key="r">
                      <Tag className="bg-secondary-dark">{t("case.removalBarred")}</Tag>{" "}
                      {view.removalBarBasis ? words.basis(view.removalBarBasis) : ""}
                    </span>
                  ) : (
                    t("case.removalNotBarred")
                  ),
                ],
                [
                  t("case.finality"),
                  view.final
                    ? t("case.finalSince", { date: date(view.finalSince) })
                    : view.redecisionRequired
                      ? t("case.redecisionRequired")
                      : t("case.notFinal"),
                ],
                ...(view.litigationLevel
                  ? ([[t("case.litigationLevel"), tv("level", view.litigationLevel)]] as [string, string][])
                  : []),
                ...(view.deemedAdmitted
                  ? ([[t("case.deemedAdmitted"), t("common.yes")]] as [string, string][])
                  : []),
              ]}
            />
          </section>

          <section aria-labelledby="deadlines-heading" className="case-section">
            <h2 id="deadlines-heading">{t("case.deadlines.heading")}</h2>
            {view.deadlines.length === 0 ? (
              <p>{t("case.deadlines.none")}</p>
            ) : (
              <>
                <DeadlinesTable deadlines={view.deadlines} vocabulary={words} withParty closed={view.final} />
                <DeadlineLegend />
              </>
            )}
          </section>

          {hasRight(session.role, "case.assign") && <CaseAssignment view={view} />}

          <section aria-labelledby="actions-heading" className="case-section">
            <h2 id="actions-heading">{t("case.actions.heading")}</h2>
            <div className="usa-form-group margin-top-1 margin-bottom-2">
              <label className="usa-label margin-top-0" htmlFor="happened-on">
                {t("case.actions.happenedOn")}
                <span className="usa-hint">{t("case.actions.happenedOnHint")}</span>
              </label>
              <input
                className="usa-input usa-input--medium"
                id="happened-on"
                type="date"
                min={lastOn}
                max={today}
                value={happenedOn || today}
                onChange={(e) => {
                  setHappenedOn(e.target.value === today ? "" : e.target.value);
                  setAction(null);
                  setNotice(null);
                  record.reset();
                }}
              />
            </div>
            <CaseDrafts drafts={drafts.data ?? []} vocabulary={words} />
            {backdated && (
              <Alert type="warning" headingLevel="h3" slim role="status">
                {t("case.actions.lateWarning", {
                  date: date(backdated),
                  days: number(daysFrom(backdated, today)),
                })}
              </Alert>
            )}
            {backdated && past.isError ? (
              <ProblemAlert error={past.error} vocabulary={words} />
            ) : !then ? (
              <Loading />
            ) : actions.length === 0 ? (
              <p>{then.allowedEvents.length ? t("case.actions.noneForRole") : t("case.actions.none")}</p>
            ) : (
              <ul className="usa-button-group action-list">
                {actions.map((a) => (
                  <li key={a} className="usa-button-group__item">
                    <Button
                      type="button"
                      outline={action !== a}
                      aria-expanded={action === a}
                      aria-controls="event-form"
                      onClick={() => {
                        record.reset();
                        setNotice(null);
                        setAction(action === a ? null : a);
                      }}
                    >
                      {words.event(a)}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {chosen && (
              <div id="event-form" className="event-form__panel">
                {chosen.removesProtection ? (
                  <p className="usa-hint">{t("case.actions.removesProtection")}</p>
                ) : (
                  chosen.needsApproval &&
                  hasRight(session.role, "decision.approve") === false && (
                    <p className="usa-hint">{t("case.actions.needsApproval")}</p>
                  )
                )}
                <EventForm
                  key={`${chosen.type}-${backdated ?? ""}`}
                  event={chosen}
                  vocabulary={words}
                  timeZone={chosen.timeZone}
                  defaults={{ examinerId: session.username, ...(backdated ? { occurredOn: backdated } : {}) }}
                  submit={submit}
                  onCancel={() => setAction(null)}
                  problem={
                    record.isError ? (
                      <ProblemAlert error={record.error} vocabulary={words} onReload={reload} />
                    ) : null
                  }
                />
              </div>
            )}
          </section>
          {hasRight(session.role, "disclosure.request") && <CaseDisclosures caseId={id} />}
        </div>

        <div className="grid-col-12 desktop:grid-col-5">
          {person && (
            <section aria-labelledby="person-heading" className="case-section">
              <h2 id="person-heading">{t("person.heading")}</h2>
              <Facts
                items={[
                  [
                    t("person.names"),
                    <ul key="n" className="usa-list usa-list--unstyled">
                      {person.names.map((n) => (
                        <li key={`${n.value}-${n.script ?? ""}`}>
                          {n.value}{" "}
                          <span className="text-base font-body-3xs">
                            {[n.script, n.kind ? tv("nameKind", n.kind) : ""].filter(Boolean).join(" · ")}
                          </span>
                        </li>
                      ))}
                    </ul>,
                  ],
                  [
                    t("person.nationality"),
                    `${countryName(locale, person.nationality)} (${person.nationality})`,
                  ],
                  [
                    t("person.countriesFeared"),
                    person.countriesFeared?.length
                      ? person.countriesFeared.join(", ")
                      : t("person.countriesFearedUnknown"),
                  ],
                  [
                    t("person.formerResidences"),
                    person.formerResidences?.length ? person.formerResidences.join(", ") : t("common.none"),
                  ],
                  [t("person.birthDate"), person.birthDate ? date(person.birthDate) : t("common.none")],
                  [t("person.sex"), tv("enum.sex", person.sex)],
                  [t("person.address"), person.contact?.address ?? t("common.none")],
                  [t("person.phone"), person.contact?.phone ?? t("common.none")],
                  [
                    t("person.representative"),
                    person.representative
                      ? [person.representative.name, person.representative.contact]
                          .filter(Boolean)
                          .join(" · ")
                      : t("common.none"),
                  ],
                  [
                    t("person.languages"),
                    person.languages?.length
                      ? list(person.languages.map((l) => languageName(locale, l)))
                      : t("common.none"),
                  ],
                ]}
              />
              {hasRight(session.role, "person.update") && <PersonCountries personId={person.id} />}
              {hasRight(session.role, "person.update") && <PersonContact key={person.id} person={person} />}
            </section>
          )}
          <section aria-labelledby="timeline-heading" className="case-section">
            <h2 id="timeline-heading">{t("case.timeline.heading")}</h2>
            <ol className="timeline">
              {[...timeline.data].reverse().map((e) => (
                <li key={e.sequence} className="timeline__item">
                  <p className="timeline__title">
                    <time dateTime={e.occurredOn}>{date(e.occurredOn)}</time>{" "}
                    <strong>{words.event(e.type)}</strong>
                  </p>
                  <EventDetails data={e.data} vocabulary={words} />
                  <p className="timeline__who">
                    {t("case.timeline.recorded", { who: e.recordedBy, at: dateTime(e.recordedAt) })}
                    {enteredAfter(e) > 0 && (
                      <>
                        {" · "}
                        <strong>{t("case.timeline.enteredLate", { days: number(enteredAfter(e)) })}</strong>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      {hasRight(session.role, "evidence.read") && <EvidenceSection caseId={id} />}
      <CitationsSection caseId={id} />
      {hasRight(session.role, "case.read") && <InterviewsSection caseId={id} />}
      <NoticesSection caseId={id} />
      {view.kind === "subsequent" && hasRight(session.role, "case.read") && (
        <WhatIsNewSection caseId={id} canClassify={hasRight(session.role, "event.examination")} />
      )}
      {view.kind === "subsequent" && hasRight(session.role, "case.read") && (
        <EligibilitySection caseId={id} canPropose={hasRight(session.role, "event.examination")} />
      )}
      {hasRight(session.role, "event.examination") && <ExaminationSection caseId={id} />}
      {(hasRight(session.role, "translation.request") || hasRight(session.role, "translation.work")) &&
        hasRight(session.role, "case.read") && <TranslationsSection caseId={id} />}
    </>
  );
}
