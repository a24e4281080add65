/** A library document (/coi/documents/:docId): what it is, its archived file, its passages to cite. */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { hasRight } from "../../../../src/security/access/rights.ts";
import { Loading } from "../../components/Loading.tsx";
import { Facts } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useSignedIn } from "../../session.tsx";
import { coi, coiKeys } from "./api.ts";
import { CiteButton } from "./Search.tsx";
import { useCountryLabel, useTagLabel } from "./shared.tsx";
import "./coi.css";

export function CoiDocumentPage() {
  const { t, date, number } = useI18n();
  const { docId = "" } = useParams();
  const [params] = useSearchParams();
  const caseId = params.get("case");
  const session = useSignedIn();
  const country = useCountryLabel();
  const tag = useTagLabel();
  const doc = useQuery({ queryKey: coiKeys.document(docId), queryFn: () => coi.document(docId) });
  if (doc.error) return <ProblemAlert error={doc.error} />;
  if (!doc.data) return <Loading />;
  const d = doc.data;
  const back = caseId ? `/coi?case=${encodeURIComponent(caseId)}` : "/coi";
  return (
    <>
      <p>
        <Link className="usa-link" to={back}>
          {t("coi.backToSearch")}
        </Link>
      </p>
      <h1 lang={d.language}>{d.title}</h1>
      <Facts
        items={[
          [t("coi.field.source"), <span lang={d.language}>{d.source}</span>],
          [t("coi.field.author"), d.author ?? "—"],
          [t("coi.field.country"), country(d.country)],
          [t("coi.field.publishedOn"), d.publishedOn ? date(d.publishedOn) : t("coi.undated")],
          [t("coi.field.accessedOn"), d.accessedOn ? date(d.accessedOn) : "—"],
          [
            t("coi.field.url"),
            d.url ? (
              <a className="usa-link" href={d.url} rel="noopener noreferrer nofollow" target="_blank">
                {d.url}
              </a>
            ) : (
              "—"
            ),
          ],
          [t("coi.field.profiles"), d.profiles.map(tag).join(", ") || "—"],
          [t("coi.field.topics"), d.topics.map(tag).join(", ") || "—"],
          [
            t("coi.field.file"),
            d.file ? (
              <>
                <a className="usa-link" href={coi.fileUrl(d.id)} target="_blank" rel="noopener">
                  {t("coi.file.open", { name: d.file.name })}
                </a>{" "}
                {t("coi.file.size", { kb: number(Math.ceil(d.file.size / 1024)) })}
                <br />
                <span className="coi-sha">{t("coi.sha256", { hash: d.file.sha256 })}</span>
              </>
            ) : (
              t("coi.file.none")
            ),
          ],
        ]}
      />
      {hasRight(session.role, "coi.manage") && (
        <p>
          <Link className="usa-button usa-button--outline" to={`/coi/documents/${d.id}/edit`}>
            {t("coi.document.edit")}
          </Link>
        </p>
      )}
      <section aria-labelledby="coi-passages">
        <h2 id="coi-passages">{t("coi.passages")}</h2>
        {d.passages.length === 0 && <p>{t("coi.passages.none")}</p>}
        <ol className="usa-list usa-list--unstyled">
          {d.passages.map((p) => (
            <li key={p.id} className="coi-hit coi-passage" data-passage={p.id}>
              <p className="coi-hit__meta">{p.locator ?? t("coi.passage.number", { n: p.position })}</p>
              <blockquote className="coi-hit__quote" lang={d.language}>
                {p.text}
              </blockquote>
              {caseId && (
                <CiteButton caseId={caseId} passageId={p.id} label={`${d.title} ${p.locator ?? ""}`.trim()} />
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
