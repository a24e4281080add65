/**
 * The case page's "What is new" for a subsequent application: the earlier cases and how each
 * ended, then every element the new application brings (claimed facts, evidence, audience,
 * foreign-state actions, country information, law), each with what OpenRSD proposes and why, and
 * the examiner's classification, saved together (docs/what-is-new.md).
 */
import { Alert, Button } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { countryName } from "../../../components/codes.ts";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import {
  KINDS,
  TAGS,
  whatIsNewApi,
  whatIsNewKey,
  type Classification,
  type Element,
  type Tag,
} from "./api.ts";

const keyOf = (e: { refKind: string; refId: string }) => `${e.refKind}/${e.refId}`;

/** An element in the reader's language: its own words, what was observed or done, where it is. */
function ElementText({ e }: { e: Element }) {
  const { t, tv, date, number, locale } = useI18n();
  const itemOf = (i: { caseNumber: string | null; number: number }) =>
    t("whatsnew.itemOf", { n: number(i.number), case: i.caseNumber ?? "" });
  const figure = (o: { metric: string; value: number }) =>
    `${tv("evidence.metric", o.metric)} ${number(o.value)}`;
  return (
    <>
      {e.comparison && (
        <strong className="whatsnew__comparison">{tv("whatsnew.comparison", e.comparison)} </strong>
      )}
      {e.observation && <strong>{figure(e.observation)} </strong>}
      {e.action && (
        <strong>
          {tv("evidence.stateAction", e.action.action)} · {countryName(locale, e.action.state)}{" "}
        </strong>
      )}
      {e.summary && <span className="whatsnew__summary">{e.summary}</span>}
      {e.item && <div className="text-base-dark">{itemOf(e.item)}</div>}
      {e.earlier && (
        <div className="text-base-dark">
          {e.earlier.observation
            ? t("whatsnew.earlierFigure", {
                figure: figure({ metric: e.observation?.metric ?? "", value: e.earlier.observation.value }),
                date: date(e.earlier.observation.observedOn),
              })
            : t("whatsnew.earlierHeld", { summary: e.earlier.summary })}
          {e.earlier.item && ` (${itemOf(e.earlier.item)})`}
          {e.earlier.finding &&
            ` (${t("whatsnew.findingWas", { finding: tv("whatsnew.finding", e.earlier.finding) })})`}
        </div>
      )}
    </>
  );
}

interface Draft {
  tag: Tag | null;
  withoutFault: boolean | null;
}

export function WhatIsNewSection({ caseId, canClassify }: { caseId: string; canClassify: boolean }) {
  const { t, date, tv } = useI18n();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: whatIsNewKey(caseId),
    queryFn: ({ signal }) => whatIsNewApi.get(caseId, signal),
  });
  const save = useMutation({
    mutationFn: (elements: Classification[]) => whatIsNewApi.classify(caseId, elements),
    onSuccess: (data) => {
      queryClient.setQueryData(whatIsNewKey(caseId), data);
      setDrafts({});
      setSaved(true);
    },
  });

  const w = query.data;
  const draftOf = (e: Element): Draft => drafts[keyOf(e)] ?? { tag: e.tag, withoutFault: e.withoutFault };
  const change = (e: Element, d: Partial<Draft>) => {
    setSaved(false);
    const next = { ...draftOf(e), ...d };
    if (next.tag !== "existed_not_relied_on") next.withoutFault = null;
    setDrafts({ ...drafts, [keyOf(e)]: next });
  };
  const changed = w
    ? w.elements.filter((e) => {
        const d = drafts[keyOf(e)];
        return d && (d.tag !== e.tag || d.withoutFault !== e.withoutFault);
      })
    : [];

  return (
    <section aria-labelledby="whatsnew-heading" className="case-section whatsnew">
      <h2 id="whatsnew-heading">{t("whatsnew.heading")}</h2>
      {query.error ? (
        <ProblemAlert error={query.error} />
      ) : !w ? (
        <Loading />
      ) : (
        <>
          <h3>{t("whatsnew.earlier.heading")}</h3>
          <ul className="whatsnew__earlier">
            {w.earlierCases.map((c) => (
              <li key={c.caseId}>
                <Link to={`/cases/${c.caseId}`}>{c.caseNumber ?? c.caseId}</Link>
                {": "}
                {c.ending ? tv("whatsnew.ending", c.ending) : t("whatsnew.ending.none")}
                {c.decidedOn && ` · ${t("whatsnew.earlier.decidedOn", { date: date(c.decidedOn) })}`}
                {c.finalOn && ` · ${t("whatsnew.earlier.finalOn", { date: date(c.finalOn) })}`}
              </li>
            ))}
          </ul>
          <p>
            {w.earlierDecisionOn
              ? t("whatsnew.comparedWith", { date: date(w.earlierDecisionOn) })
              : t("whatsnew.noDecision")}
            {w.surPlace && ` ${t("whatsnew.surPlace")}`}
          </p>
          {KINDS.map((kind) => {
            const rows = w.elements.filter((e) => e.refKind === kind);
            return (
              <div key={kind} className="whatsnew__kind">
                <h3 id={`whatsnew-${kind}`}>{tv("whatsnew.kind", kind)}</h3>
                {rows.length === 0 ? (
                  <p className="text-base-dark">{t("whatsnew.nothing")}</p>
                ) : (
                  <table
                    className="usa-table usa-table--borderless usa-table--stacked width-full"
                    aria-labelledby={`whatsnew-${kind}`}
                  >
                    <thead>
                      <tr>
                        <th scope="col">{t("whatsnew.col.element")}</th>
                        <th scope="col">{t("whatsnew.col.aroseOn")}</th>
                        <th scope="col">{t("whatsnew.col.proposed")}</th>
                        <th scope="col">{t("whatsnew.col.classification")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((e) => {
                        const d = draftOf(e);
                        const id = `whatsnew-tag-${keyOf(e).replace(/[^a-zA-Z0-9-]/g, "-")}`;
                        return (
                          <tr key={keyOf(e)} data-element={keyOf(e)}>
                            <td data-label={t("whatsnew.col.element")}>
                              <ElementText e={e} />
                            </td>
                            <td data-label={t("whatsnew.col.aroseOn")}>
                              {e.aroseOn ? date(e.aroseOn) : t("common.none")}
                            </td>
                            <td data-label={t("whatsnew.col.proposed")}>
                              <strong>
                                {e.proposedTag ? tv("whatsnew.tag", e.proposedTag) : t("whatsnew.tag.none")}
                              </strong>
                              <div className="text-base-dark">
                                {tv("whatsnew.reason", e.reason).replace(
                                  "{date}",
                                  e.aroseOn ? date(e.aroseOn) : "",
                                )}
                              </div>
                            </td>
                            <td data-label={t("whatsnew.col.classification")}>
                              {canClassify ? (
                                <>
                                  <label className="usa-sr-only" htmlFor={id}>
                                    {t("whatsnew.col.classification")}
                                  </label>
                                  <select
                                    id={id}
                                    className="usa-select"
                                    value={d.tag ?? ""}
                                    onChange={(ev) =>
                                      change(e, {
                                        tag: ev.target.value === "" ? null : (ev.target.value as Tag),
                                      })
                                    }
                                  >
                                    <option value="">{t("whatsnew.tag.unclassified")}</option>
                                    {TAGS.map((tag) => (
                                      <option key={tag} value={tag}>
                                        {tv("whatsnew.tag", tag)}
                                      </option>
                                    ))}
                                  </select>
                                  {d.tag === "existed_not_relied_on" && (
                                    <div className="usa-checkbox">
                                      <input
                                        className="usa-checkbox__input"
                                        id={`${id}-fault`}
                                        type="checkbox"
                                        checked={d.withoutFault === true}
                                        onChange={(ev) => change(e, { withoutFault: ev.target.checked })}
                                      />
                                      <label className="usa-checkbox__label" htmlFor={`${id}-fault`}>
                                        {t("whatsnew.withoutFault")}
                                      </label>
                                    </div>
                                  )}
                                </>
                              ) : e.tag ? (
                                tv("whatsnew.tag", e.tag)
                              ) : (
                                t("whatsnew.tag.unclassified")
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </div>
            );
          })}
          {canClassify && (
            <>
              {save.error && <ProblemAlert error={save.error} />}
              {saved && (
                <Alert type="success" headingLevel="h3" slim>
                  {t("whatsnew.saved")}
                </Alert>
              )}
              <Button
                type="button"
                disabled={changed.length === 0 || save.isPending}
                onClick={() =>
                  save.mutate(
                    changed.map((e) => {
                      const d = draftOf(e);
                      return {
                        refKind: e.refKind,
                        refId: e.refId,
                        tag: d.tag,
                        ...(d.tag === "existed_not_relied_on" ? { withoutFault: d.withoutFault } : {}),
                      };
                    }),
                  )
                }
              >
                {t("whatsnew.save", { n: changed.length })}
              </Button>
            </>
          )}
        </>
      )}
    </section>
  );
}
