/**
 * Administration: users and roles, access requests, mandates, holidays, translation engines, key rotation and the monthly audit report.
 * This file lays out the side navigation and the pages; each page is a file of its own beside it.
 */
import { NavLink, Route, Routes } from "react-router";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { Access } from "./Access.tsx";
import { Audit } from "./Audit.tsx";
import { Holidays } from "./Holidays.tsx";
import { Keys } from "./Keys.tsx";
import { Mandates } from "./Mandates.tsx";
import { ReapplicationPolicy } from "./ReapplicationPolicy.tsx";
import { TranslationEngines } from "./TranslationEngines.tsx";
import { Users } from "./Users.tsx";

const TABS: [string, MessageKey][] = [
  ["/admin", "admin.tabs.users"],
  ["/admin/access", "admin.tabs.access"],
  ["/admin/mandates", "admin.tabs.mandates"],
  ["/admin/holidays", "admin.tabs.holidays"],
  ["/admin/reapplication-policy", "admin.tabs.policy"],
  ["/admin/translation-engines", "admin.tabs.engines"],
  ["/admin/keys", "admin.tabs.keys"],
  ["/admin/audit", "admin.tabs.audit"],
];

export function Admin() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("admin.heading")}</h1>
      <div className="grid-row grid-gap-lg">
        <nav className="grid-col-12 tablet:grid-col-3" aria-label={t("admin.tabs.label")}>
          <ul className="usa-sidenav">
            {TABS.map(([to, label]) => (
              <li key={to} className="usa-sidenav__item">
                <NavLink to={to} end className={({ isActive }) => (isActive ? "usa-current" : "")}>
                  {t(label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="grid-col-12 tablet:grid-col-9">
          <Routes>
            <Route index element={<Users />} />
            <Route path="access" element={<Access />} />
            <Route path="mandates" element={<Mandates />} />
            <Route path="holidays" element={<Holidays />} />
            <Route path="reapplication-policy" element={<ReapplicationPolicy />} />
            <Route path="translation-engines" element={<TranslationEngines />} />
            <Route path="keys" element={<Keys />} />
            <Route path="audit" element={<Audit />} />
          </Routes>
        </div>
      </div>
    </>
  );
}
