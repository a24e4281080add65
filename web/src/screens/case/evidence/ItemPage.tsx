/**
 * One evidence item: what it is, who supplied it and when, its files (detected type, size, SHA-256,
 * the scan's verdict, quarantine) with a viewer and a download for each, the capture it records
 * (its address as text, never opened), its audience observations as a chart with a table, the
 * foreign state's action, the custody history in Korean time, and its withdrawal.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { client, type CustodyEntry, type EvidenceItem } from "../../../api.ts";
import { Alert } from "../../../components/Alert.tsx";
import { countryName, languageName } from "../../../components/codes.ts";
import { Facts, Loading, todayInSeoul } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { keys, queries } from "../../../queries.ts";
import { useSignedIn } from "../../../session.tsx";
import { AudienceChart } from "./AudienceChart.tsx";
import { contentUrl, Field, METRICS, ValueSelect } from "./fields.tsx";
import { formatSize, MediaType, ScanVerdict, Sha256 } from "./shared.tsx";
import { Viewer } from "./Viewer.tsx";

/** The address of a captured post, as text to copy: never a link, never fetched. */
export function UnopenedUrl({ url }: { url: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <span className="unopened-url">
      <code className="unopened-url__text">{url}</code>{" "}
      <button
        type="button"
        className="usa-button usa-button--unstyled"
        onClick={() => {
          void navigator.clipboard
            ?.writeText(url)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {t("evidence.capture.copyUrl")}
      </button>
      <span role="status">{copied ? t("evidence.hash.copied") : ""}</span>
      <span className="usa-hint display-block">{t("evidence.capture.neverFetched")}</span>
    </span>
  );
}

/** The originals first, each followed by what was derived from it (text, thumbnail, copy). */
function originalsFirst(files: EvidenceItem["files"]): EvidenceItem["files"] {
  const originals = files.filter((f) => f.role === "original");
  const placed = new Set<string>();
  const out: EvidenceItem["files"] = [];
  for (const o of originals) {
    out.push(o);
    placed.add(o.id);
    for (const d of files.filter((f) => f.derivedFrom === o.id && f.role !== "original")) {
      out.push(d);
      placed.add(d.id);
    }
  }
  return [...out, ...files.filter((f) => !placed.has(f.id))];
}

function FilesTable({
  item,
  open,
  onOpen,
}: {
  item: EvidenceItem;
  open: string | null;
  onOpen: (fileId: string | null) => void;
}) {
  const i18n = useI18n();
  const { t, tv } = i18n;
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full evidence-files">
      <caption className="usa-sr-only">{t("evidence.files.heading")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("evidence.file.name")}</th>
          <th scope="col">{t("evidence.file.type")}</th>
          <th scope="col">{t("evidence.file.size")}</th>
          <th scope="col">{t("evidence.file.sha256")}</th>
          <th scope="col">{t("evidence.file.scan")}</th>
          <th scope="col">{t("evidence.file.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {originalsFirst(item.files).map((f) => (
          <tr key={f.id} data-file={f.name}>
            <th scope="row" data-label={t("evidence.file.name")}>
              {f.name}
              {f.role !== "original" && (
                <span className="display-block text-base-dark font-body-3xs">
                  {tv("evidence.role", f.role)}
                </span>
              )}
            </th>
            <td data-label={t("evidence.file.type")}>
              <MediaType type={f.mediaType} />
            </td>
            <td data-label={t("evidence.file.size")}>{formatSize(i18n, f.size)}</td>
            <td data-label={t("evidence.file.sha256")}>
              <Sha256 hash={f.sha256} label={f.name} />
            </td>
            <td data-label={t("evidence.file.scan")}>
              <ScanVerdict scan={f.scan} quarantined={f.quarantined} />
            </td>
            <td data-label={t("evidence.file.actions")}>
              {f.quarantined ? (
                <span>{t("evidence.file.notServed")}</span>
              ) : (
                <span className="evidence-files__actions">
                  <button
                    type="button"
                    className="usa-button usa-button--outline usa-button--small"
                    aria-pressed={open === f.id}
                    onClick={() => onOpen(open === f.id ? null : f.id)}
                  >
                    {t(open === f.id ? "evidence.file.close" : "evidence.file.view")}
                    <span className="usa-sr-only"> {f.name}</span>
                  </button>
                  <a
                    className="usa-link"
                    href={contentUrl(item.caseId, item.id, f.id, true)}
                    download={f.name}
                  >
                    {t("evidence.file.download")}
                    <span className="usa-sr-only"> {f.name}</span>
                  </a>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CustodyTable({ entries }: { entries: CustodyEntry[] }) {
  const { t, tv, dateTime } = useI18n();
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full custody">
      <caption className="usa-sr-only">{t("evidence.custody.heading")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("evidence.custody.at")}</th>
          <th scope="col">{t("evidence.custody.action")}</th>
          <th scope="col">{t("evidence.custody.by")}</th>
          <th scope="col">{t("evidence.custody.details")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td data-label={t("evidence.custody.at")}>
              <time dateTime={e.at}>{dateTime(e.at)}</time>
            </td>
            <th scope="row" data-label={t("evidence.custody.action")}>
              {tv("evidence.custody.actions", e.action)}
            </th>
            <td data-label={t("evidence.custody.by")}>{e.by}</td>
            <td data-label={t("evidence.custody.details")} className="custody__details">
              {Object.entries(e.details)
                .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                .join(" · ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ObservationForm({ item }: { item: EvidenceItem }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ observedOn: todayInSeoul(), metric: "followers", value: "", note: "" });
  const [done, setDone] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      client.observe(item.caseId, item.id, {
        observedOn: form.observedOn,
        metric: form.metric as (typeof METRICS)[number],
        value: Number(form.value),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.evidenceItem(item.caseId, item.id), updated);
      void queryClient.invalidateQueries({
        queryKey: [...keys.evidenceItem(item.caseId, item.id), "custody"],
      });
      setForm((f) => ({ ...f, value: "", note: "" }));
      setDone(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    add.mutate();
  };
  return (
    <form className="usa-form observation-form" onSubmit={submit}>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("evidence.observations.add")}</legend>
        <div className="observation-form__row">
          <Field id="ob-on" label={t("evidence.observations.observedOn")}>
            <input
              className="usa-input"
              id="ob-on"
              type="date"
              required
              max={todayInSeoul()}
              value={form.observedOn}
              onChange={(e) => setForm((f) => ({ ...f, observedOn: e.target.value }))}
            />
          </Field>
          <Field id="ob-metric" label={t("evidence.observations.metric")}>
            <ValueSelect
              id="ob-metric"
              prefix="evidence.metric"
              values={METRICS}
              value={form.metric}
              onChange={(v) => setForm((f) => ({ ...f, metric: v }))}
            />
          </Field>
          <Field id="ob-value" label={t("evidence.observations.value")}>
            <input
              className="usa-input"
              id="ob-value"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              required
              value={form.value}
              onChange={(e) => setForm((f) => ({ ...f, value: e.target.value }))}
            />
          </Field>
        </div>
        <Field id="ob-note" label={t("evidence.observations.note")} optional>
          <input
            className="usa-input"
            id="ob-note"
            maxLength={1000}
            value={form.note}
            onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))}
          />
        </Field>
        {add.isError && <ProblemAlert error={add.error} />}
        <button
          type="submit"
          className="usa-button margin-top-2"
          disabled={add.isPending || form.value === ""}
        >
          {t("evidence.observations.submit")}
        </button>
        <p role="status" className="usa-hint">
          {done ? t("evidence.observations.added") : ""}
        </p>
      </fieldset>
    </form>
  );
}

function Withdrawal({ item }: { item: EvidenceItem }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const withdraw = useMutation({
    mutationFn: () => client.withdrawEvidence(item.caseId, item.id, reason.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.evidenceItem(item.caseId, item.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.evidence(item.caseId) });
      void queryClient.invalidateQueries({ queryKey: keys.case(item.caseId), exact: true });
      void queryClient.invalidateQueries({
        queryKey: [...keys.evidenceItem(item.caseId, item.id), "custody"],
      });
    },
  });
  return (
    <details className="withdrawal">
      <summary>{t("evidence.withdraw.open")}</summary>
      <form
        className="usa-form"
        onSubmit={(e) => {
          e.preventDefault();
          withdraw.mutate();
        }}
      >
        <p className="usa-hint">{t("evidence.withdraw.hint")}</p>
        <Field id="wd-reason" label={t("evidence.withdraw.reason")}>
          <textarea
            className="usa-textarea"
            id="wd-reason"
            required
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {withdraw.isError && <ProblemAlert error={withdraw.error} />}
        <button
          type="submit"
          className="usa-button usa-button--secondary margin-top-2"
          disabled={!reason.trim() || withdraw.isPending}
        >
          {t("evidence.withdraw.submit")}
        </button>
      </form>
    </details>
  );
}

export function ItemPage() {
  const { id = "", itemId = "" } = useParams();
  const location = useLocation();
  const i18n = useI18n();
  const { t, tv, date, dateTime, locale } = i18n;
  const session = useSignedIn();
  const itemQuery = useQuery(queries.evidenceItem(id, itemId));
  const custody = useQuery(queries.custody(id, itemId));
  const [open, setOpen] = useState<string | null>(null);
  const queryClient = useQueryClient();
  // A file read is a view in the custody history: read the history again once it was.
  const opened = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queries.custody(id, itemId).queryKey });
  }, [queryClient, id, itemId]);
  if (itemQuery.error)
    return (
      <>
        <h1>{t("evidence.item.notFound")}</h1>
        <ProblemAlert error={itemQuery.error} />
      </>
    );
  const item = itemQuery.data;
  if (!item) return <Loading />;
  const attached = (location.state as { attached?: boolean } | null)?.attached === true;
  const shown = item.files.find((f) => f.id === open);
  const mayManage = hasRight(session.role, "evidence.manage");
  const capture = item.capture;
  const fsa = item.foreignStateAction;
  return (
    <>
      <p className="margin-bottom-0">
        <Link className="usa-link" to={`/cases/${id}#evidence-heading`}>
          {t("evidence.backToCase")}
        </Link>
      </p>
      <h1>{t("evidence.item.heading", { number: item.number, title: item.title })}</h1>
      {attached && (
        <Alert type="success" headingLevel="h2" slim role="status">
          {t("evidence.item.attached", { number: item.number })}
        </Alert>
      )}
      {item.status === "withdrawn" && (
        <Alert type="warning" headingLevel="h2" heading={t("evidence.item.withdrawn")} role="status">
          <p className="margin-y-05">
            {item.withdrawal
              ? t("evidence.item.withdrawnBy", {
                  reason: item.withdrawal.reason,
                  on: date(item.withdrawal.on),
                  by: item.withdrawal.by,
                })
              : ""}
          </p>
        </Alert>
      )}
      <section aria-labelledby="item-facts" className="case-section">
        <h2 id="item-facts">{t("evidence.item.facts")}</h2>
        <Facts
          items={[
            [t("evidence.item.kind"), tv("evidence.kind", item.kind)],
            [t("evidence.item.supplier"), tv("evidence.supplier", item.supplier)],
            [t("evidence.item.receivedOn"), date(item.receivedOn)],
            [t("evidence.item.channel"), tv("evidence.channel", item.channel)],
            [
              t("evidence.item.language"),
              item.language ? `${languageName(locale, item.language)} (${item.language})` : t("common.none"),
            ],
            [
              t("evidence.item.recorded"),
              t("evidence.item.recordedBy", { who: item.recordedBy, at: dateTime(item.recordedAt) }),
            ],
            ...(item.description
              ? ([
                  [
                    t("evidence.item.description"),
                    <div key="d" className="event-text">
                      {item.description}
                    </div>,
                  ],
                ] as [string, ReactNode][])
              : []),
          ]}
        />
      </section>

      {fsa && (
        <section aria-labelledby="item-action" className="case-section">
          <h2 id="item-action">{t("evidence.action.heading")}</h2>
          <Facts
            items={[
              [t("evidence.action.kind"), tv("evidence.stateAction", fsa.action)],
              [t("evidence.action.state"), `${countryName(locale, fsa.state)} (${fsa.state})`],
              [t("evidence.action.actedOn"), date(fsa.actedOn)],
              [t("evidence.action.channel"), fsa.channel],
              ...(fsa.summary ? ([[t("evidence.action.summary"), fsa.summary]] as [string, string][]) : []),
            ]}
          />
          <p className="usa-hint">
            {t(item.status === "withdrawn" ? "evidence.action.holdLifted" : "evidence.action.holdNote")}
          </p>
        </section>
      )}

      <section aria-labelledby="item-files" className="case-section">
        <h2 id="item-files">{t("evidence.files.heading")}</h2>
        {item.files.length === 0 ? (
          <p>{t("evidence.files.none")}</p>
        ) : (
          <FilesTable item={item} open={open} onOpen={setOpen} />
        )}
        {shown && (
          <div className="viewer" aria-labelledby="viewer-heading" role="region">
            <h3 id="viewer-heading">{t("evidence.viewer.heading", { name: shown.name })}</h3>
            <Viewer
              file={shown}
              url={contentUrl(id, itemId, shown.id)}
              title={shown.name}
              onOpened={opened}
            />
          </div>
        )}
      </section>

      {capture && (
        <section aria-labelledby="item-capture" className="case-section">
          <h2 id="item-capture">{t("evidence.capture.heading")}</h2>
          <Facts
            items={[
              [t("evidence.capture.platform"), tv("evidence.platform", capture.platform)],
              [t("evidence.capture.accountId"), capture.accountId],
              [t("evidence.capture.accountName"), capture.accountName ?? t("common.none")],
              [t("evidence.capture.postId"), capture.postId ?? t("common.none")],
              [t("evidence.capture.url"), <UnopenedUrl key="u" url={capture.url} />],
              [
                t("evidence.capture.publishedAt"),
                capture.publishedAt ? dateTime(capture.publishedAt) : t("common.none"),
              ],
              [t("evidence.capture.visibility"), tv("evidence.visibility", capture.visibility)],
              [t("evidence.capture.capturedBy"), capture.capturedBy],
              [t("evidence.capture.capturedAt"), dateTime(capture.capturedAt)],
              [t("evidence.capture.tool"), capture.tool],
            ]}
          />
        </section>
      )}

      {item.kind === "social_media_capture" && (
        <section aria-labelledby="item-audience" className="case-section">
          <h2 id="item-audience">{t("evidence.observations.heading")}</h2>
          <AudienceChart observations={item.observations} />
          {mayManage && item.status === "active" && <ObservationForm item={item} />}
        </section>
      )}

      <section aria-labelledby="item-custody" className="case-section">
        <h2 id="item-custody">{t("evidence.custody.heading")}</h2>
        <p className="usa-hint">{t("evidence.custody.hint")}</p>
        {custody.error ? (
          <ProblemAlert error={custody.error} />
        ) : !custody.data ? (
          <Loading />
        ) : (
          <CustodyTable entries={custody.data} />
        )}
      </section>

      {mayManage && item.status === "active" && (
        <section aria-labelledby="item-withdraw" className="case-section">
          <h2 id="item-withdraw">{t("evidence.withdraw.heading")}</h2>
          <Withdrawal item={item} />
        </section>
      )}
    </>
  );
}
