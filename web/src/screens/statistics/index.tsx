/**
 * The statistics section for staff: a year's applications, decisions and rates by a breakdown,
 * cohort outcomes, pending cases and reversals, every rate beside its definition; and, for
 * supervisors and analysts, the internal decision-maker view. The year, the breakdown and the
 * filters are in the URL, so a view can be bookmarked and shared.
 *
 * This file lays out the tabs; each tab is a file of its own beside it.
 */
import { NavLink, Route, Routes, useLocation } from "react-router";
import { hasRight } from "../../../../src/security/access/rights.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { useSignedIn } from "../../session.tsx";
import { CohortTab } from "./CohortTab.tsx";
import { DecisionMakerView } from "./DecisionMakerView.tsx";
import { WithFilters } from "./filters.tsx";
import { PendingTab } from "./PendingTab.tsx";
import { ReversalsTab } from "./ReversalsTab.tsx";
import { ReversedCasesView } from "./ReversedCasesView.tsx";
import { useDefinitions } from "./shared.tsx";
import { YearlyTab } from "./YearlyTab.tsx";
import { SimulationTab } from "./simulation/SimulationTab.tsx";

interface Tab {
  to: string;
  label: MessageKey;
  internal?: boolean;
}

function Tabs({ tabs }: { tabs: Tab[] }) {
  const { t } = useI18n();
  const { search } = useLocation();
  return (
    <nav aria-label={t("stats.tabs.label")} className="stat-tabs">
      <ul className="stat-tabs__list">
        {tabs.map((x) => (
          <li key={x.to}>
            <NavLink
              to={{ pathname: x.to, search }}
              end={x.to === "/stats"}
              className={`stat-tabs__link${x.internal ? " stat-tabs__link--internal" : ""}`}
            >
              {t(x.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Statistics() {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const definitions = useDefinitions();
  const internal = hasRight(session.role, "statistics.decision_makers");
  const tabs: Tab[] = [
    { to: "/stats", label: "stats.tabs.yearly" },
    { to: "/stats/cohort", label: "stats.tabs.cohort" },
    { to: "/stats/pending", label: "stats.tabs.pending" },
    { to: "/stats/reversals", label: "stats.tabs.reversals" },
    { to: "/stats/simulation", label: "stats.tabs.simulation" },
  ];
  if (internal)
    tabs.push({ to: "/stats/decision-makers", label: "stats.tabs.decisionMakers", internal: true });
  return (
    <>
      <h1>{t("stats.heading")}</h1>
      <p className="usa-intro">{t("stats.intro")}</p>
      <p>
        <a className="usa-link" href={locale === "en" ? "/statistics?lang=en" : "/statistics"}>
          {t("stats.publicPage")}
        </a>{" "}
        <span className="usa-hint">{t("stats.publicPageHint")}</span>
      </p>
      <Tabs tabs={tabs} />
      <Routes>
        <Route
          index
          element={
            <WithFilters withDate={false}>
              <YearlyTab />
            </WithFilters>
          }
        />
        <Route
          path="cohort"
          element={
            <WithFilters withDate>
              <CohortTab />
            </WithFilters>
          }
        />
        <Route
          path="pending"
          element={
            <WithFilters withDate>
              <PendingTab />
            </WithFilters>
          }
        />
        <Route
          path="reversals"
          element={
            <WithFilters withDate={false}>
              <ReversalsTab definitions={definitions} />
            </WithFilters>
          }
        />
        <Route path="simulation" element={<SimulationTab />} />
        <Route path="decision-makers" element={<DecisionMakerView />} />
        <Route path="decision-makers/reversed" element={<ReversedCasesView />} />
      </Routes>
    </>
  );
}
