/** `/`: each role's first page (the worklist, the portal, interviews, translations, the committee's agenda, administration, statistics or the COI library). */
import { Navigate } from "react-router";
import { hasRight } from "../../../src/security/access/rights.ts";
import { useI18n } from "../i18n/index.tsx";
import { useSession } from "../session.tsx";

export function Home() {
  const { session } = useSession();
  const { t } = useI18n();
  if (!session) return null;
  const r = session.role;
  if (hasRight(r, "deadline.read")) return <Navigate to="/worklist" replace />;
  if (hasRight(r, "portal.read")) return <Navigate to="/portal" replace />;
  if (hasRight(r, "interview.read_assigned")) return <Navigate to="/interviews" replace />;
  if (hasRight(r, "translation.work")) return <Navigate to="/translations" replace />;
  if (hasRight(r, "committee.agenda")) return <Navigate to="/committee" replace />;
  if (hasRight(r, "account.manage")) return <Navigate to="/admin" replace />;
  if (hasRight(r, "statistics.read")) return <Navigate to="/stats" replace />;
  if (hasRight(r, "coi.read")) return <Navigate to="/coi" replace />;
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p>{t("home.noScreens")}</p>
    </>
  );
}
