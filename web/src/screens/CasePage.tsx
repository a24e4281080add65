/**
 * A case: the person, where the case stands (stage, applicant status, protection, removal bar,
 * finality), its deadlines, the actions the procedure allows now, and its timeline. Events are
 * recorded with the version the page was opened at (If-Match): a change made meanwhile by someone
 * else is reported, never overwritten.
 */
import { Alert, Button, Tag } from "@trussworks/react-uswds";
import { useState } from "react";
import { useParams } from "react-router";
import type { z } from "zod";
import type {
  CaseView,
  Person,
  ProfileDescription,
  TimelineEntrySchema,
} from "../../../src/contracts/api.ts";
import { hasRight, rightOfAct } from "../../../src/security/access/rights.ts";
import { api, ApiError } from "../api.ts";
import { DeadlinesTable, Facts, Loading, shortId } from "../components/common.tsx";
import { EventForm, fieldLabel, type ProfileEvent } from "../components/EventForm.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type I18n } from "../i18n/index.tsx";
import { officeName, useOffices } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { useLoad } from "../useLoad.ts";
import { otherNames, primaryName } from "./Cases.tsx";

type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

interface Loaded {
  view: CaseView;
  version: string;
  timeline: TimelineEntry[];
  person: Person | null;
}

/** Profiles change only with a deployment: each is fetched once per page load. */
const profiles = new Map<string, Promise<ProfileDescription>>();
function profileOf(id: string, signal?: AbortSignal): Promise<ProfileDescription> {
  let p = profiles.get(id);
  if (!p) {
    p = api.get<ProfileDescription>(`/profiles/${encodeURIComponent(id)}`, signal).then((r) => r.data);
    p.catch(() => profiles.delete(id));
    profiles.set(id, p);
  }
  return p;
}

function valueText(i18n: I18n, key: string, v: unknown): string {
  if (v === null || v === undefined) return i18n.t("common.none");
  if (typeof v === "boolean") return v ? i18n.t("common.yes") : i18n.t("common.no");
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return i18n.date(v);
  if (typeof v === "object" && !Array.isArray(v))
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${fieldLabel(i18n, k)}: ${valueText(i18n, k, x)}`)
      .join(", ");
  if (Array.isArray(v)) return v.map((x) => valueText(i18n, key, x)).join(", ");
  return i18n.tv(`enum.${key}`, v as string | number);
}

export function EventDetails({ data }: { data: Record<string, unknown> }) {
  const i18n = useI18n();
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <ul className="timeline__data">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="text-base-dark">{fieldLabel(i18n, k)}</span> {valueText(i18n, k, v)}
        </li>
      ))}
    </ul>
  );
}

export function CasePage() {
  const { id = "" } = useParams();
  const i18n = useI18n();
  const { t, tv, date, dateTime, locale } = i18n;
  const session = useSignedIn();
  const offices = useOffices();
  const [action, setAction] = useState<string | null>(null);
  const [profile, setProfile] = useState<ProfileDescription | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [override, setOverride] = useState<Loaded | null>(null);

  const loaded = useLoad(
    async (signal): Promise<Loaded> => {
      setOverride(null);
      const [view, timeline] = await Promise.all([
        api.get<CaseView>(`/cases/${id}`, signal),
        api.get<{ items: TimelineEntry[] }>(`/cases/${id}/events`, signal),
      ]);
      setProfile(await profileOf(view.data.profile, signal));
      let person: Person | null = null;
      try {
        person = (await api.get<Person>(`/persons/${view.data.personId}`, signal)).data;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      return {
        view: view.data,
        version: view.etag ?? `"${view.data.version}"`,
        timeline: timeline.data.items,
        person,
      };
    },
    [id],
  );
  const data = override ?? loaded.data;
  if (loaded.error) {
    return (
      <>
        <h1>{t("case.notFound.heading")}</h1>
        <ProblemAlert error={loaded.error} />
      </>
    );
  }
  if (!data) return <Loading />;
  const { view, timeline, person } = data;
  // The events the procedure allows now that the user's role may record, as the profile describes them.
  const described = new Map((profile?.events ?? []).map((e) => [e.type, e]));
  const actions = view.allowedEvents.filter((type) => {
    const e = described.get(type);
    return e !== undefined && hasRight(session.role, rightOfAct(e.act));
  });
  const chosenEvent = action ? described.get(action) : undefined;
  const chosen: (ProfileEvent & { timeZone: string }) | undefined =
    chosenEvent && profile ? { ...chosenEvent, timeZone: profile.timeZone } : undefined;
  const name = person ? primaryName(person.names) : t("case.applicantHidden");

  async function record(event: Record<string, unknown>) {
    if (!data) return;
    setActionError(null);
    try {
      const res = await api.post<CaseView | { id: string }>(`/cases/${id}/events`, event, {
        "if-match": data.version,
      });
      const type = String(event.type);
      if (res.status === 202) {
        setNotice(t("case.actions.sentForApproval", { event: tv("event", type) }));
        setAction(null);
        loaded.reload();
        return;
      }
      const tl = await api.get<{ items: TimelineEntry[] }>(`/cases/${id}/events`);
      const view = res.data as CaseView;
      setOverride({ view, version: res.etag ?? `"${view.version}"`, timeline: tl.data.items, person });
      setNotice(t("case.actions.recorded", { event: tv("event", type) }));
      setAction(null);
    } catch (e) {
      setActionError(e);
    }
  }

  const reload = () => {
    setActionError(null);
    setAction(null);
    setNotice(null);
    loaded.reload();
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
          <span>{t("common.caseNo", { id: shortId(view.id) })}</span>
          <span>{officeName(offices, view.office, locale)}</span>
          <span>{t("case.filedOnValue", { date: date(view.filedOn) })}</span>
          <span>{tv("channel", view.channel)}</span>
          <span>{tv("caseKind", view.kind)}</span>
        </p>
      </div>
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
                [t("case.stage"), <strong key="s">{tv("stage", view.stage)}</strong>],
                [t("case.applicantStatus"), tv("applicantStatus", view.applicantStatus)],
                [t("case.protection"), tv("protection", view.protection)],
                [
                  t("case.removalBar"),
                  view.removalBarred ? (
                    <span key="r">
                      <Tag className="bg-secondary-dark">{t("case.removalBarred")}</Tag>{" "}
                      {view.removalBarBasis ?? ""}
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
              <DeadlinesTable deadlines={view.deadlines} withParty />
            )}
          </section>

          <section aria-labelledby="actions-heading" className="case-section">
            <h2 id="actions-heading">{t("case.actions.heading")}</h2>
            {actions.length === 0 ? (
              <p>{view.allowedEvents.length ? t("case.actions.noneForRole") : t("case.actions.none")}</p>
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
                        setActionError(null);
                        setNotice(null);
                        setAction(action === a ? null : a);
                      }}
                    >
                      {tv("event", a)}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {chosen && (
              <div id="event-form" className="event-form__panel">
                {chosen.needsApproval && hasRight(session.role, "decision.approve") === false && (
                  <p className="usa-hint">{t("case.actions.needsApproval")}</p>
                )}
                <EventForm
                  key={chosen.type}
                  event={chosen}
                  timeZone={chosen.timeZone}
                  defaults={{ examinerId: session.username }}
                  submit={record}
                  onCancel={() => setAction(null)}
                  problem={
                    actionError ? (
                      <ProblemAlert
                        error={actionError}
                        fieldLabel={(p) => fieldLabel(i18n, p)}
                        onReload={reload}
                      />
                    ) : null
                  }
                />
              </div>
            )}
          </section>
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
                  [t("person.nationality"), person.nationality],
                  [t("person.birthDate"), person.birthDate ? date(person.birthDate) : t("common.none")],
                  [t("person.sex"), tv("enum.sex", person.sex)],
                  [
                    t("person.languages"),
                    person.languages?.length ? person.languages.join(", ") : t("common.none"),
                  ],
                ]}
              />
            </section>
          )}
          <section aria-labelledby="timeline-heading" className="case-section">
            <h2 id="timeline-heading">{t("case.timeline.heading")}</h2>
            <ol className="timeline">
              {[...timeline].reverse().map((e) => (
                <li key={e.sequence} className="timeline__item">
                  <p className="timeline__title">
                    <time dateTime={e.occurredOn}>{date(e.occurredOn)}</time>{" "}
                    <strong>{tv("event", e.type)}</strong>
                  </p>
                  <EventDetails data={e.data} />
                  <p className="timeline__who">
                    {t("case.timeline.recorded", { who: e.recordedBy, at: dateTime(e.recordedAt) })}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}
