/**
 * The claim's material facts: the list, a form to add or change one (its previous text is kept as
 * a version by the server), its links to the case's evidence, interview segments and cited COI
 * passages (each supporting or contradicting it), and its withdrawal.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import {
  exam,
  examKeys,
  GROUNDS,
  type Fact,
  type FactInput,
  type Ground,
  type LinkInput,
  type Sources,
} from "./api.ts";
import { FactMeta, LinkText, sourceGroups, type Choice } from "./shared.tsx";

function FactForm({
  idPrefix,
  initial,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial?: Fact;
  busy: boolean;
  error: unknown;
  onSubmit: (input: FactInput) => void;
  onCancel?: () => void;
}) {
  const { t, tv } = useI18n();
  const [statement, setStatement] = useState(initial?.statement ?? "");
  const [occurredOn, setOccurredOn] = useState(initial?.occurredOn ?? "");
  const [period, setPeriod] = useState(initial?.period ?? "");
  const [place, setPlace] = useState(initial?.place ?? "");
  const [actor, setActor] = useState(initial?.actor ?? "");
  const [grounds, setGrounds] = useState<Ground[]>(initial?.grounds ?? []);
  const [surPlace, setSurPlace] = useState(initial?.surPlace ?? false);
  const id = (f: string) => `${idPrefix}-${f}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      statement,
      ...(occurredOn ? { occurredOn } : {}),
      ...(period.trim() ? { period } : {}),
      ...(place.trim() ? { place } : {}),
      ...(actor.trim() ? { actor } : {}),
      grounds,
      surPlace,
    });
  }
  return (
    <form className="usa-form usa-form--large exam-fact-form" onSubmit={submit}>
      {error ? <ProblemAlert error={error} focus /> : null}
      <label className="usa-label" htmlFor={id("statement")}>
        {t("exam.fact.statement")}
      </label>
      <span className="usa-hint" id={id("statement-hint")}>
        {t("exam.fact.statementHint")}
      </span>
      <textarea
        className="usa-textarea"
        id={id("statement")}
        aria-describedby={id("statement-hint")}
        required
        maxLength={20000}
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
      />
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-6">
          <label className="usa-label" htmlFor={id("date")}>
            {t("exam.fact.occurredOn")}
          </label>
          <input
            className="usa-input"
            id={id("date")}
            type="date"
            value={occurredOn}
            disabled={period.trim() !== ""}
            onChange={(e) => setOccurredOn(e.target.value)}
          />
        </div>
        <div className="tablet:grid-col-6">
          <label className="usa-label" htmlFor={id("period")}>
            {t("exam.fact.period")}
          </label>
          <input
            className="usa-input"
            id={id("period")}
            maxLength={200}
            value={period}
            disabled={occurredOn !== ""}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </div>
      </div>
      <label className="usa-label" htmlFor={id("place")}>
        {t("exam.fact.place")}
      </label>
      <input
        className="usa-input"
        id={id("place")}
        maxLength={500}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
      />
      <label className="usa-label" htmlFor={id("actor")}>
        {t("exam.fact.actor")}
      </label>
      <input
        className="usa-input"
        id={id("actor")}
        maxLength={500}
        value={actor}
        onChange={(e) => setActor(e.target.value)}
      />
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{t("exam.fact.grounds")}</legend>
        {GROUNDS.map((g) => (
          <div className="usa-checkbox" key={g}>
            <input
              className="usa-checkbox__input"
              id={id(`ground-${g}`)}
              type="checkbox"
              checked={grounds.includes(g)}
              onChange={(e) =>
                setGrounds(e.target.checked ? [...grounds, g] : grounds.filter((x) => x !== g))
              }
            />
            <label className="usa-checkbox__label" htmlFor={id(`ground-${g}`)}>
              {tv("exam.ground", g)}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="usa-checkbox margin-top-2">
        <input
          className="usa-checkbox__input"
          id={id("surPlace")}
          type="checkbox"
          checked={surPlace}
          onChange={(e) => setSurPlace(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={id("surPlace")}>
          {t("exam.fact.surPlaceLabel")}
        </label>
      </div>
      <div className="margin-top-2">
        <button className="usa-button" type="submit" disabled={busy || !statement.trim()}>
          {initial ? t("exam.fact.save") : t("exam.fact.add")}
        </button>
        {onCancel && (
          <button className="usa-button usa-button--unstyled" type="button" onClick={onCancel}>
            {t("exam.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

function LinksEditor({
  caseId,
  fact,
  sources,
  onDone,
}: {
  caseId: string;
  fact: Fact;
  sources: Sources;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Map<string, LinkInput>>(
    () =>
      new Map(
        fact.links.map((l) => [
          `${l.kind}/${l.targetId}`,
          { kind: l.kind, targetId: l.targetId, stance: l.stance },
        ]),
      ),
  );
  const save = useMutation({
    mutationFn: () => exam.setLinks(caseId, fact.id, [...chosen.values()]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: examKeys.all(caseId) });
      onDone();
    },
  });
  const groups = sourceGroups(sources, i18n);
  const key = (c: Choice) => `${c.kind}/${c.id}`;
  const domId = (c: Choice) => `link-${fact.id}-${c.kind}-${c.id}`;
  return (
    <form
      className="usa-form usa-form--large exam-links"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.isError && <ProblemAlert error={save.error} focus />}
      {groups.map((g) => (
        <fieldset className="usa-fieldset margin-top-2" key={g.legend}>
          <legend className="usa-legend">{g.legend}</legend>
          {!g.available ? (
            <p className="usa-hint">{t("exam.links.notAvailable")}</p>
          ) : g.choices.length === 0 ? (
            <p className="usa-hint">{t("exam.links.none")}</p>
          ) : (
            g.choices.map((c) => {
              const link = chosen.get(key(c));
              return (
                <div key={key(c)} className="exam-links__choice">
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      id={domId(c)}
                      type="checkbox"
                      checked={link !== undefined}
                      onChange={(e) => {
                        const next = new Map(chosen);
                        if (e.target.checked)
                          next.set(key(c), { kind: c.kind, targetId: c.id, stance: "supports" });
                        else next.delete(key(c));
                        setChosen(next);
                      }}
                    />
                    <label className="usa-checkbox__label" htmlFor={domId(c)}>
                      {c.label}
                    </label>
                  </div>
                  {link && (
                    <>
                      <label className="usa-label" htmlFor={`${domId(c)}-stance`}>
                        {t("exam.links.stance")}
                      </label>
                      <select
                        className="usa-select"
                        id={`${domId(c)}-stance`}
                        value={link.stance}
                        onChange={(e) => {
                          const next = new Map(chosen);
                          next.set(key(c), { ...link, stance: e.target.value as LinkInput["stance"] });
                          setChosen(next);
                        }}
                      >
                        <option value="supports">{t("exam.stance.supports")}</option>
                        <option value="contradicts">{t("exam.stance.contradicts")}</option>
                      </select>
                    </>
                  )}
                </div>
              );
            })
          )}
        </fieldset>
      ))}
      <div className="margin-top-2">
        <button className="usa-button" type="submit" disabled={save.isPending}>
          {t("exam.links.save")}
        </button>
        <button className="usa-button usa-button--unstyled" type="button" onClick={onDone}>
          {t("exam.cancel")}
        </button>
      </div>
    </form>
  );
}

function FactCard({
  caseId,
  fact,
  sources,
  mayEdit,
}: {
  caseId: string;
  fact: Fact;
  sources: Sources | undefined;
  mayEdit: boolean;
}) {
  const { t, tv } = useI18n();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit" | "links" | "withdraw">("view");
  const [reason, setReason] = useState("");
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: examKeys.all(caseId) });
    setMode("view");
  };
  const revise = useMutation({
    mutationFn: (input: FactInput) => exam.reviseFact(caseId, fact, input),
    onSuccess: done,
  });
  const withdraw = useMutation({
    mutationFn: () => exam.withdrawFact(caseId, fact.id, reason),
    onSuccess: done,
  });
  const headingId = `fact-${fact.id}`;
  return (
    <li
      className={`exam-fact${fact.status === "withdrawn" ? " exam-fact--withdrawn" : ""}`}
      data-fact={fact.position}
    >
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="exam-fact__heading">
          {t("exam.fact.heading", { n: fact.position })}
          {fact.status === "withdrawn" && ` · ${t("exam.fact.withdrawn")}`}
          {fact.version > 1 && ` · ${t("exam.fact.version", { n: fact.version })}`}
        </h3>
        {mode === "edit" ? (
          <FactForm
            idPrefix={`edit-${fact.id}`}
            initial={fact}
            busy={revise.isPending}
            error={revise.error}
            onSubmit={(input) => revise.mutate(input)}
            onCancel={() => setMode("view")}
          />
        ) : (
          <>
            <p className="exam-fact__statement">{fact.statement}</p>
            <p className="margin-y-05">
              <FactMeta fact={fact} />
            </p>
            {fact.withdrawal && <p>{t("exam.fact.withdrawnBecause", { reason: fact.withdrawal.reason })}</p>}
            {fact.links.length > 0 && (
              <ul className="usa-list exam-fact__links">
                {fact.links.map((l) => (
                  <li key={`${l.kind}/${l.targetId}`}>
                    <strong>{tv("exam.stance", l.stance)}</strong>: <LinkText link={l} sources={sources} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {mode === "links" && sources && (
          <LinksEditor caseId={caseId} fact={fact} sources={sources} onDone={() => setMode("view")} />
        )}
        {mode === "withdraw" && (
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              withdraw.mutate();
            }}
          >
            {withdraw.isError && <ProblemAlert error={withdraw.error} focus />}
            <label className="usa-label" htmlFor={`withdraw-${fact.id}`}>
              {t("exam.fact.withdrawReason")}
            </label>
            <textarea
              className="usa-textarea"
              id={`withdraw-${fact.id}`}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              className="usa-button margin-top-1"
              type="submit"
              disabled={!reason.trim() || withdraw.isPending}
            >
              {t("exam.fact.withdraw")}
            </button>
            <button className="usa-button usa-button--unstyled" type="button" onClick={() => setMode("view")}>
              {t("exam.cancel")}
            </button>
          </form>
        )}
        {mayEdit && fact.status === "active" && mode === "view" && (
          <ul className="usa-button-group">
            <li className="usa-button-group__item">
              <button
                className="usa-button usa-button--outline"
                type="button"
                onClick={() => setMode("edit")}
              >
                {t("exam.fact.edit")}
              </button>
            </li>
            <li className="usa-button-group__item">
              <button
                className="usa-button usa-button--outline"
                type="button"
                onClick={() => setMode("links")}
              >
                {t("exam.fact.links")}
              </button>
            </li>
            <li className="usa-button-group__item">
              <button
                className="usa-button usa-button--unstyled"
                type="button"
                onClick={() => setMode("withdraw")}
              >
                {t("exam.fact.withdraw")}
              </button>
            </li>
          </ul>
        )}
      </article>
    </li>
  );
}

export function FactsPanel({
  caseId,
  facts,
  sources,
  mayEdit,
}: {
  caseId: string;
  facts: readonly Fact[];
  sources: Sources | undefined;
  mayEdit: boolean;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: (input: FactInput) => exam.addFact(caseId, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: examKeys.all(caseId) });
      setFormKey((k) => k + 1);
    },
  });
  return (
    <section aria-labelledby="exam-facts-heading" className="case-section">
      <h2 id="exam-facts-heading">{t("exam.facts.heading")}</h2>
      <p className="usa-intro">{t("exam.facts.intro")}</p>
      {facts.length === 0 ? (
        <p>{t("exam.facts.none")}</p>
      ) : (
        <ol className="usa-list usa-list--unstyled exam-facts">
          {facts.map((f) => (
            <FactCard key={f.id} caseId={caseId} fact={f} sources={sources} mayEdit={mayEdit} />
          ))}
        </ol>
      )}
      {mayEdit && (
        <details className="exam-add-fact">
          <summary>{t("exam.facts.add")}</summary>
          <FactForm
            key={formKey}
            idPrefix="new-fact"
            busy={add.isPending}
            error={add.error}
            onSubmit={(input) => add.mutate(input)}
          />
        </details>
      )}
    </section>
  );
}
