/**
 * Machine translation engines (right translation.engines; docs/translation.md, "Engines"): the
 * engines the deployment's configuration names, whether each is inside the deployment, and the
 * language pairs an administrator enabled for it. No text of a pair is ever sent to an engine
 * until it is enabled here; an engine outside the deployment is shown with a warning and can be
 * enabled only when its configuration allows it.
 */
import { Alert, Button, Label, Select, Tag } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Facts, Loading } from "../../components/common.tsx";
import { languageName, languageOptions } from "../../components/codes.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import {
  enginesKey,
  translationMemoryApi,
  type Engine,
  type EnginePairInput,
} from "../translation-memory/api.ts";

function EngineCard({ engine }: { engine: Engine }) {
  const { t, locale, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [pair, setPair] = useState({ source: "", target: "" });
  const set = useMutation({
    mutationFn: (body: EnginePairInput) => translationMemoryApi.setPair(engine.id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enginesKey }),
  });
  const blocked = engine.external && !engine.allowExternal;
  const options = languageOptions(locale);
  const headingId = `engine-${engine.id}`;
  const name = (p: { source: string; target: string }) =>
    t("admin.engines.pair", {
      source: languageName(locale, p.source),
      target: languageName(locale, p.target),
    });
  return (
    <section className="border-1px border-base-lighter padding-2 margin-bottom-3" aria-labelledby={headingId}>
      <h3 id={headingId} className="margin-top-0">
        {engine.id}{" "}
        <Tag className={engine.external ? "bg-secondary-dark" : "bg-green"}>
          {engine.external ? t("admin.engines.outside") : t("admin.engines.inside")}
        </Tag>
      </h3>
      <Facts
        items={[
          [t("admin.engines.kind"), engine.kind],
          [t("admin.engines.url"), <code key="url">{engine.url}</code>],
          [t("admin.engines.model"), engine.model ?? t("common.none")],
        ]}
      />
      {engine.external && (
        <Alert type={blocked ? "error" : "warning"} headingLevel="h4" slim>
          {blocked ? t("admin.engines.outsideBlocked") : t("admin.engines.outsideAllowed")}
        </Alert>
      )}
      {engine.pairs.length === 0 ? (
        <p>{t("admin.engines.noPairs")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--compact">
          <caption>{t("admin.engines.pairs")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.engines.languages")}</th>
              <th scope="col">{t("admin.engines.state")}</th>
              <th scope="col">{t("admin.engines.change")}</th>
            </tr>
          </thead>
          <tbody>
            {engine.pairs.map((p) => (
              <tr key={`${p.source}-${p.target}`}>
                <th scope="row">{name(p)}</th>
                <td>
                  {p.enabled
                    ? t("admin.engines.enabledBy", { by: p.enabledBy ?? "—", at: dateTime(p.enabledAt) })
                    : t("admin.engines.disabled")}
                </td>
                <td>
                  <Button
                    type="button"
                    outline={p.enabled}
                    disabled={set.isPending || (!p.enabled && blocked)}
                    onClick={() => set.mutate({ source: p.source, target: p.target, enabled: !p.enabled })}
                  >
                    {t(p.enabled ? "admin.engines.disable" : "admin.engines.enable")}
                    <span className="usa-sr-only"> {name(p)}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!blocked && (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            set.mutate({ ...pair, enabled: true });
          }}
        >
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">{t("admin.engines.add")}</legend>
            {(["source", "target"] as const).map((side) => (
              <Fragment key={side}>
                <Label htmlFor={`${headingId}-${side}`}>{t(`admin.engines.${side}`)}</Label>
                <Select
                  id={`${headingId}-${side}`}
                  name={side}
                  required
                  value={pair[side]}
                  onChange={(e) => setPair({ ...pair, [side]: e.target.value })}
                >
                  <option value="">{t("common.choose")}</option>
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </Fragment>
            ))}
            <Button type="submit" className="margin-top-2" disabled={set.isPending}>
              {t("admin.engines.enableFor")}
              <span className="usa-sr-only"> {engine.id}</span>
            </Button>
          </fieldset>
        </form>
      )}
      {set.error && <ProblemAlert error={set.error} />}
    </section>
  );
}

export function TranslationEngines() {
  const { t } = useI18n();
  const engines = useQuery({
    queryKey: enginesKey,
    queryFn: ({ signal }) => translationMemoryApi.engines(signal),
  });
  return (
    <>
      <h2>{t("admin.engines.heading")}</h2>
      <p>{t("admin.engines.intro")}</p>
      <p>{t("admin.engines.interviews")}</p>
      {engines.error ? (
        <ProblemAlert error={engines.error} />
      ) : !engines.data ? (
        <Loading />
      ) : engines.data.length === 0 ? (
        <Alert type="info" headingLevel="h3" slim data-testid="no-engines">
          {t("admin.engines.none")}
        </Alert>
      ) : (
        engines.data.map((e) => <EngineCard key={e.id} engine={e} />)
      )}
    </>
  );
}
