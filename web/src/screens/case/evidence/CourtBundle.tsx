/**
 * A court bundle: the litigation officer chooses the items, the side each is filed for (the
 * applicant's exhibits are numbered 갑 제1호증 …, the office's 을 제1호증 …) and their order, and
 * downloads one ZIP with the exhibits, a manifest and their SHA256SUMS. The numbers shown here
 * follow the order chosen; the server numbers the archive the same way.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { client } from "../../../api.ts";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { queries } from "../../../queries.ts";

type Side = "applicant" | "office";
interface Chosen {
  itemId: string;
  side: Side;
}

/** Save a file the browser holds (the ZIP as answered) under its name. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function CourtBundle() {
  const { id = "" } = useParams();
  const { t, tv, date, number } = useI18n();
  const list = useQuery(queries.evidence(id));
  const opened = useQuery(queries.case(id));
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const make = useMutation({
    mutationFn: () => client.courtBundle(id, { exhibits: chosen }),
    onSuccess: ({ blob, fileName }) => {
      const name = fileName ?? `${opened.data?.view.caseNumber ?? id}-court-bundle.zip`;
      save(blob, name);
      setSaved(name);
    },
  });
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Loading />;
  const items = list.data.filter((i) => i.status === "active");
  const byId = new Map(items.map((i) => [i.id, i]));
  const move = (from: number, to: number) =>
    setChosen((c) => {
      if (to < 0 || to >= c.length) return c;
      const next = [...c];
      const [x] = next.splice(from, 1);
      next.splice(to, 0, x!);
      return next;
    });
  const exhibitNo = (index: number) => {
    const side = chosen[index]!.side;
    const n = chosen.slice(0, index + 1).filter((c) => c.side === side).length;
    return t(side === "applicant" ? "evidence.bundle.applicantNo" : "evidence.bundle.officeNo", {
      n: number(n),
    });
  };
  return (
    <>
      <p className="margin-bottom-0">
        <Link className="usa-link" to={`/cases/${id}#evidence-heading`}>
          {t("evidence.backToCase")}
        </Link>
      </p>
      <h1>{t("evidence.bundle.heading")}</h1>
      <p className="usa-intro">{t("evidence.bundle.intro")}</p>
      <section aria-labelledby="bundle-items" className="case-section">
        <h2 id="bundle-items">{t("evidence.bundle.items")}</h2>
        {items.length === 0 ? (
          <p>{t("evidence.none")}</p>
        ) : (
          <ul className="usa-list usa-list--unstyled bundle-choices">
            {items.map((item) => {
              const on = chosen.some((c) => c.itemId === item.id);
              return (
                <li key={item.id} className="usa-checkbox">
                  <input
                    className="usa-checkbox__input"
                    id={`bundle-${item.id}`}
                    type="checkbox"
                    checked={on}
                    onChange={() =>
                      setChosen((c) =>
                        on
                          ? c.filter((x) => x.itemId !== item.id)
                          : [
                              ...c,
                              { itemId: item.id, side: item.supplier === "office" ? "office" : "applicant" },
                            ],
                      )
                    }
                  />
                  <label className="usa-checkbox__label" htmlFor={`bundle-${item.id}`}>
                    {t("evidence.item.heading", { number: item.number, title: item.title })}
                    <span className="usa-checkbox__label-description">
                      {tv("evidence.supplier", item.supplier)} · {date(item.receivedOn)}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {chosen.length > 0 && (
        <section aria-labelledby="bundle-order" className="case-section">
          <h2 id="bundle-order">{t("evidence.bundle.order")}</h2>
          <ol className="usa-list usa-list--unstyled bundle-order">
            {chosen.map((c, i) => {
              const item = byId.get(c.itemId);
              const name = item
                ? t("evidence.item.heading", { number: item.number, title: item.title })
                : c.itemId;
              return (
                <li key={c.itemId} className="bundle-order__row" data-exhibit={exhibitNo(i)}>
                  <strong className="bundle-order__no">{exhibitNo(i)}</strong>
                  <span className="bundle-order__name">{name}</span>
                  <span className="bundle-order__side">
                    <label className="usa-sr-only" htmlFor={`side-${c.itemId}`}>
                      {t("evidence.bundle.side", { item: name })}
                    </label>
                    <select
                      className="usa-select"
                      id={`side-${c.itemId}`}
                      value={c.side}
                      onChange={(e) =>
                        setChosen((all) =>
                          all.map((x) =>
                            x.itemId === c.itemId ? { ...x, side: e.target.value as Side } : x,
                          ),
                        )
                      }
                    >
                      <option value="applicant">{t("evidence.bundle.applicant")}</option>
                      <option value="office">{t("evidence.bundle.office")}</option>
                    </select>
                  </span>
                  <span className="bundle-order__move">
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      {t("evidence.bundle.up")}
                      <span className="usa-sr-only"> {name}</span>
                    </button>
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={i === chosen.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      {t("evidence.bundle.down")}
                      <span className="usa-sr-only"> {name}</span>
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {make.isError && <ProblemAlert error={make.error} />}
      <button
        type="button"
        className="usa-button"
        disabled={chosen.length === 0 || make.isPending}
        onClick={() => {
          setSaved(null);
          make.mutate();
        }}
      >
        {make.isPending ? t("common.working") : t("evidence.bundle.download")}
      </button>
      <p role="status" className="usa-hint">
        {saved ? t("evidence.bundle.saved", { name: saved }) : ""}
      </p>
    </>
  );
}
