/**
 * The case page's evidence: its items (number, kind, title, supplier, the day it came, and each
 * file with its detected type, size, SHA-256 and the scan's verdict, quarantined files flagged),
 * withdrawn items as withdrawn with the reason, a search in the texts of its files, and the ways
 * to add an item or make a court bundle. The removal holds of foreign states' actions are shown
 * at the top of the case page (`RemovalHolds`).
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import type { CaseView, EvidenceItem, EvidenceItemSummary } from "../../../api.ts";
import { Alert } from "../../../components/Alert.tsx";
import { countryName } from "../../../components/codes.ts";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { queries } from "../../../queries.ts";
import { useSignedIn } from "../../../session.tsx";
import { KINDS } from "./fields.tsx";
import { formatSize, MediaType, ScanVerdict, Sha256 } from "./shared.tsx";
import "./evidence.css";

/** The foreign states' actions that bar removal, shown where the case page starts. */
export function RemovalHolds({ view }: { view: CaseView }) {
  const { t, tv, date, locale } = useI18n();
  if (view.removalHolds.length === 0) return null;
  return (
    <Alert type="error" headingLevel="h2" heading={t("evidence.holds.heading")} className="removal-holds">
      <p className="margin-y-05">{t("evidence.holds.text")}</p>
      <ul className="margin-y-05">
        {view.removalHolds.map((h) => (
          <li key={h.itemId}>
            {t("evidence.holds.item", {
              action: tv("evidence.stateAction", h.action),
              state: countryName(locale, h.state),
              on: date(h.actedOn),
            })}{" "}
            <Link className="usa-link" to={`/cases/${view.id}/evidence/${h.itemId}`}>
              {t("evidence.holds.open")}
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** Text with the words searched for marked (as text: the snippet is never read as HTML). */
function Marked({ text, q }: { text: string; q: string }) {
  const words = q
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (words.length === 0) return <>{text}</>;
  const parts = text.split(new RegExp(`(${words.join("|")})`, "gi"));
  const out: ReactNode[] = parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p));
  return <>{out}</>;
}

function EvidenceSearch({ caseId, items }: { caseId: string; items: readonly EvidenceItemSummary[] }) {
  const { t, number } = useI18n();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const found = useQuery({ ...queries.evidenceSearch(caseId, q), enabled: q.length >= 2 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(typed.trim());
  };
  const byId = new Map(items.map((i) => [i.id, i]));
  return (
    <div className="evidence-search">
      <form className="evidence-search__form" role="search" onSubmit={submit}>
        <label className="usa-label" htmlFor="evidence-q">
          {t("evidence.search.label")}
        </label>
        <div className="evidence-search__row">
          <input
            className="usa-input"
            id="evidence-q"
            type="search"
            minLength={2}
            maxLength={200}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button className="usa-button" type="submit" disabled={typed.trim().length < 2}>
            {t("evidence.search.submit")}
          </button>
        </div>
      </form>
      {q.length >= 2 &&
        (found.error ? (
          <ProblemAlert error={found.error} />
        ) : !found.data ? (
          <Loading />
        ) : (
          <div role="status" className="evidence-search__results">
            <p className="margin-y-1">{t("evidence.search.count", { n: number(found.data.length), q })}</p>
            {found.data.length > 0 && (
              <ul className="usa-list usa-list--unstyled">
                {found.data.map((r) => {
                  const item = byId.get(r.itemId);
                  return (
                    <li key={`${r.itemId}-${r.fileId}`} className="evidence-search__hit">
                      <Link className="usa-link" to={`/cases/${caseId}/evidence/${r.itemId}`}>
                        {item
                          ? t("evidence.item.heading", { number: item.number, title: item.title })
                          : r.itemId}
                      </Link>
                      <p className="evidence-search__snippet" lang="und">
                        <Marked text={r.snippet} q={q} />
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        ))}
    </div>
  );
}

function ItemFiles({ item }: { item: EvidenceItem | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!item) return <Loading />;
  const originals = item.files.filter((f) => f.role === "original");
  if (originals.length === 0) return <span>{t("evidence.files.none")}</span>;
  return (
    <ul className="usa-list usa-list--unstyled evidence-list__files">
      {originals.map((f) => (
        <li key={f.id} data-file={f.name}>
          <span className="evidence-list__file-name">{f.name}</span>{" "}
          <span className="text-base-dark">
            <MediaType type={f.mediaType} /> · {formatSize(i18n, f.size)}
          </span>
          <br />
          <Sha256 hash={f.sha256} label={f.name} /> <ScanVerdict scan={f.scan} quarantined={f.quarantined} />
        </li>
      ))}
    </ul>
  );
}

export function EvidenceSection({ caseId }: { caseId: string }) {
  const { t, tv, date } = useI18n();
  const session = useSignedIn();
  const list = useQuery(queries.evidence(caseId));
  const items = list.data ?? [];
  // The list names no files: each item's files come with the item (a case has few items).
  const details = useQueries({ queries: items.map((i) => queries.evidenceItem(caseId, i.id)) });
  const mayAttach = hasRight(session.role, "evidence.attach");
  const mayExport = hasRight(session.role, "evidence.export");
  return (
    <section aria-labelledby="evidence-heading" className="case-section evidence-section">
      <h2 id="evidence-heading">{t("evidence.heading")}</h2>
      {(mayAttach || mayExport) && (
        <ul className="usa-button-group evidence-section__actions">
          {mayAttach &&
            KINDS.map((k) => (
              <li key={k} className="usa-button-group__item">
                <Link
                  className="usa-button usa-button--outline"
                  to={`/cases/${caseId}/evidence/new?kind=${k}`}
                >
                  {t(`evidence.add.${k}`)}
                </Link>
              </li>
            ))}
          {mayExport && (
            <li className="usa-button-group__item">
              <Link className="usa-button usa-button--outline" to={`/cases/${caseId}/evidence/bundle`}>
                {t("evidence.bundle.open")}
              </Link>
            </li>
          )}
        </ul>
      )}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t("evidence.none")}</p>
      ) : (
        <>
          <EvidenceSearch caseId={caseId} items={items} />
          <table className="usa-table usa-table--borderless usa-table--stacked width-full evidence-list">
            <caption>{t("evidence.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("evidence.item.number")}</th>
                <th scope="col">{t("evidence.item.title")}</th>
                <th scope="col">{t("evidence.item.supplier")}</th>
                <th scope="col">{t("evidence.item.receivedOn")}</th>
                <th scope="col">{t("evidence.files.heading")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => {
                const full = details[i]?.data;
                return (
                  <tr
                    key={item.id}
                    data-item={item.number}
                    className={item.status === "withdrawn" ? "evidence-list__withdrawn" : undefined}
                  >
                    <td data-label={t("evidence.item.number")}>{item.number}</td>
                    <th scope="row" data-label={t("evidence.item.title")}>
                      <Link className="usa-link" to={`/cases/${caseId}/evidence/${item.id}`}>
                        {item.title}
                      </Link>
                      <span className="display-block text-base-dark font-body-3xs">
                        {tv("evidence.kind", item.kind)}
                      </span>
                      {item.foreignStateAction && (
                        <span className="display-block font-body-3xs">
                          {tv("evidence.stateAction", item.foreignStateAction.action)}
                        </span>
                      )}
                      {item.status === "withdrawn" && (
                        <span className="display-block evidence-list__withdrawal">
                          <strong>{t("evidence.item.withdrawn")}</strong>
                          {full?.withdrawal && `: ${full.withdrawal.reason}`}
                        </span>
                      )}
                    </th>
                    <td data-label={t("evidence.item.supplier")}>{tv("evidence.supplier", item.supplier)}</td>
                    <td data-label={t("evidence.item.receivedOn")}>{date(item.receivedOn)}</td>
                    <td data-label={t("evidence.files.heading")}>
                      <ItemFiles item={full} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
