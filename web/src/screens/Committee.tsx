/**
 * The Refugee Committee (RA 25-27). Its secretariat puts cases on a meeting's agenda and sees every
 * member's vote with the tally; a member reads the cases on the agenda (and no other) and records
 * a vote with reasons. A member who took part in the decision under review is told they may not
 * vote (RA 26), and why.
 */
import { Button, Fieldset, Label, Radio, Textarea } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { hasRight } from "../../../src/security/access/rights.ts";
import { client, type AgendaEntry } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import {
  ApplicantName,
  CaseLink,
  Loading,
  PlainInput,
  shortId,
  todayInSeoul,
} from "../components/common.tsx";
import { FindCase, type CaseMatch, type CaseQuery } from "../components/FindCase.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { officeName, useOffices } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { useVocabularies } from "../vocabulary.ts";

const VOTES = ["recognize", "humanitarian_stay", "dismiss", "abstain"] as const;
type Vote = (typeof VOTES)[number];

/** Cases the secretariat reaches, by the applicant's name or the case number. */
const findCases = async (q: CaseQuery): Promise<CaseMatch[]> =>
  (await client.searchCases(q)).items.map((c) => ({ ...c, caseId: c.id }));

/** The secretariat: find a case by number or name, choose it, and put it on a meeting's agenda. */
function AddToAgenda() {
  const { t, date } = useI18n();
  const queryClient = useQueryClient();
  const [meetingOn, setMeetingOn] = useState("");
  const [chosen, setChosen] = useState<CaseMatch | null>(null);
  const add = useMutation({
    mutationFn: (body: { caseId: string; meetingOn: string }) => client.addToAgenda(body),
    onSuccess: () => {
      setChosen(null);
      void queryClient.invalidateQueries({ queryKey: keys.agenda });
    },
  });
  return (
    <section aria-labelledby="agenda-add" className="margin-bottom-4">
      <h2 id="agenda-add">{t("committee.add.heading")}</h2>
      {!chosen && <FindCase id="agenda-find" search={findCases} onChoose={setChosen} />}
      {chosen && (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ caseId: chosen.caseId, meetingOn });
          }}
        >
          <p>
            {t("committee.add.confirm", { number: chosen.caseNumber ?? shortId(chosen.caseId) })}{" "}
            <ApplicantName names={chosen.names} /> · {chosen.nationality} · {date(chosen.filedOn)}
          </p>
          <Label htmlFor="agenda-meeting">{t("committee.meetingOn")}</Label>
          <PlainInput
            id="agenda-meeting"
            name="meetingOn"
            type="date"
            required
            value={meetingOn}
            onChange={(e) => setMeetingOn(e.target.value)}
          />
          <Button type="submit" className="margin-top-2" disabled={add.isPending}>
            {t("committee.add.submit")}
          </Button>
          <Button type="button" unstyled className="margin-left-2" onClick={() => setChosen(null)}>
            {t("common.cancel")}
          </Button>
        </form>
      )}
      {add.error && <ProblemAlert error={add.error} />}
      {add.isSuccess && (
        <Alert type="success" headingLevel="h3" slim>
          {t("committee.add.done", {
            number: add.data.caseNumber ?? shortId(add.data.caseId),
            on: date(add.data.meetingOn),
          })}
        </Alert>
      )}
    </section>
  );
}

/** A member's vote on one case: the choice, the reasons (needed to dismiss), and the vote recorded. */
function VoteForm({ entry }: { entry: AgendaEntry }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const idBase = `vote-${entry.caseId}-${entry.meetingOn}`;
  const [vote, setVote] = useState<Vote | null>(entry.myVote?.vote ?? null);
  const [reasons, setReasons] = useState(entry.myVote?.reasons ?? "");
  const cast = useMutation({
    mutationFn: () =>
      client.castVote(entry.caseId, entry.meetingOn, {
        vote: vote ?? "abstain",
        ...(reasons.trim() ? { reasons } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.agenda }),
  });
  if (entry.disqualified)
    return (
      <Alert type="warning" headingLevel="h3" slim>
        {t("committee.disqualified")}{" "}
        <span className="display-block font-body-3xs">{entry.disqualified}</span>
      </Alert>
    );
  return (
    <form
      className="usa-form maxw-tablet"
      onSubmit={(e) => {
        e.preventDefault();
        cast.mutate();
      }}
    >
      <Fieldset legend={t("committee.vote.legend")}>
        {VOTES.map((v) => (
          <Radio
            key={v}
            id={`${idBase}-${v}`}
            name={`${idBase}-choice`}
            value={v}
            label={t(`committee.vote.${v}`)}
            checked={vote === v}
            onChange={() => setVote(v)}
            required
          />
        ))}
      </Fieldset>
      <Label htmlFor={`${idBase}-reasons`} hint={t("committee.vote.reasonsHint")}>
        {t("committee.vote.reasons")}
      </Label>
      <Textarea
        id={`${idBase}-reasons`}
        name="reasons"
        value={reasons}
        maxLength={20_000}
        onChange={(e) => setReasons(e.target.value)}
      />
      <Button type="submit" className="margin-top-2" disabled={cast.isPending || vote === null}>
        {entry.myVote ? t("committee.vote.change") : t("committee.vote.submit")}
      </Button>
      {cast.error && <ProblemAlert error={cast.error} />}
      {cast.isSuccess && (
        <div role="status" className="margin-top-1">
          {t("committee.vote.recorded", { vote: t(`committee.vote.${cast.data.myVote?.vote ?? "abstain"}`) })}
        </div>
      )}
    </form>
  );
}

/** The secretariat's view of the votes on one case: each member's, and the tally. */
function Votes({ entry }: { entry: AgendaEntry }) {
  const { t, number } = useI18n();
  if (!entry.votes || !entry.tally) return null;
  return (
    <>
      <p>{VOTES.map((v) => `${t(`committee.vote.${v}`)} ${number(entry.tally?.[v] ?? 0)}`).join(" · ")}</p>
      {entry.votes.length === 0 ? (
        <p>{t("committee.votes.none")}</p>
      ) : (
        <ul className="usa-list">
          {entry.votes.map((v) => (
            <li key={`${v.member}-${v.recordedAt}`}>
              <strong>{v.member}</strong>: {t(`committee.vote.${v.vote}`)}
              {v.reasons && <p className="event-text">{v.reasons}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Committee() {
  const { t, date, locale } = useI18n();
  const session = useSignedIn();
  const offices = useOffices();
  const agenda = useQuery(queries.agenda());
  // The stages in the words of the cases' own profiles (a member may not list the profiles).
  const words = useVocabularies((agenda.data ?? []).map((e) => e.profile));
  const manages = hasRight(session.role, "committee.agenda_manage");
  const votes = hasRight(session.role, "committee.vote");
  const today = todayInSeoul();
  const meetings = new Map<string, AgendaEntry[]>();
  for (const e of agenda.data ?? []) meetings.set(e.meetingOn, [...(meetings.get(e.meetingOn) ?? []), e]);
  return (
    <>
      <h1>{t("committee.heading")}</h1>
      <p className="usa-intro">{manages ? t("committee.introSecretariat") : t("committee.introMember")}</p>
      {manages && <AddToAgenda />}
      {agenda.error && <ProblemAlert error={agenda.error} />}
      {agenda.isPending && <Loading />}
      {agenda.data && meetings.size === 0 && <p>{t("committee.empty")}</p>}
      {[...meetings].map(([meetingOn, entries]) => (
        <section key={meetingOn} aria-labelledby={`meeting-${meetingOn}`}>
          <h2 id={`meeting-${meetingOn}`}>
            {t("committee.meeting", { on: date(meetingOn) })}
            {meetingOn < today && <span className="usa-tag margin-left-1">{t("committee.past")}</span>}
          </h2>
          {entries.map((e) => (
            <article
              key={e.caseId}
              className="border-top border-base-lighter padding-y-2"
              aria-label={e.caseNumber ?? shortId(e.caseId)}
            >
              <h3 className="margin-y-0">
                <CaseLink id={e.caseId} number={e.caseNumber} /> · <ApplicantName names={e.applicantNames} />
              </h3>
              <p className="margin-y-1">
                {e.nationality} · {words.of(e.profile).stage(e.stage)} ·{" "}
                {officeName(offices, e.office, locale)}
              </p>
              {votes && <VoteForm entry={e} />}
              {manages && <Votes entry={e} />}
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
