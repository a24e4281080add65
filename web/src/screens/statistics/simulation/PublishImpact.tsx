/**
 * Publishing a finished simulation as an impact statement: the tables go through the public
 * statistics' disclosure control, and the public page's address is shown once it is published.
 */
import { useMutation } from "@tanstack/react-query";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { request } from "../../../api.ts";
import type { SimulationRun } from "./api.ts";

interface Published {
  id: string;
}

export function PublishImpact({ run }: { run: SimulationRun }) {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const publish = useMutation({
    mutationFn: async () =>
      (await request<Published>("POST", "/statistics/impact-statements", { body: { runId: run.id } })).data,
  });
  // An office's own simulation is not published: a statement covers every office.
  if (run.report?.office) return <p className="usa-hint">{t("stats.sim.publishNational")}</p>;
  if (session.officeId) return null;
  const lang = locale === "ko" ? "ko" : "en";
  return (
    <section aria-labelledby="sim-publish-h" className="sim-publish">
      <h2 id="sim-publish-h">{t("stats.sim.publishHeading")}</h2>
      <p>{t("stats.sim.publishIntro")}</p>
      {publish.data ? (
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {t("stats.sim.published")}{" "}
              <a className="usa-link" href={`/statistics/impact-statements/${publish.data.id}?lang=${lang}`}>
                {t("stats.sim.publicPage")}
              </a>
            </p>
          </div>
        </div>
      ) : (
        <button
          className="usa-button usa-button--outline"
          type="button"
          disabled={publish.isPending}
          onClick={() => publish.mutate()}
        >
          {t("stats.sim.publish")}
        </button>
      )}
      {publish.error && <ProblemAlert error={publish.error} />}
    </section>
  );
}
