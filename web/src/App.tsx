/** The workspace's routes. Every page but sign-in needs a session; an ended session returns to sign-in and then back. */
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { hasRight } from "../../src/security/access/rights.ts";
import { onUnauthenticated } from "./api.ts";
import { Loading } from "./components/common.tsx";
import { Layout } from "./components/Layout.tsx";
import { I18nProvider, useI18n } from "./i18n/index.tsx";
import { Account } from "./screens/Account.tsx";
import { Approvals } from "./screens/Approvals.tsx";
import { CasePage } from "./screens/CasePage.tsx";
import { Cases } from "./screens/Cases.tsx";
import { NewCase } from "./screens/NewCase.tsx";
import { PortalCasePage, PortalList } from "./screens/Portal.tsx";
import { SignIn } from "./screens/SignIn.tsx";
import { Worklist } from "./screens/Worklist.tsx";
import { SessionProvider, useSession } from "./session.tsx";

// The statistics and administration sections load when first opened (sign-in needs neither).
const Admin = lazy(() => import("./screens/admin/index.tsx").then((m) => ({ default: m.Admin })));
const Statistics = lazy(() =>
  import("./screens/statistics/index.tsx").then((m) => ({ default: m.Statistics })),
);

function RequireSession({ children }: { children: ReactNode }) {
  const { session, ready, expired } = useSession();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Navigate to={`/sign-in?next=${next}${expired ? "&expired=1" : ""}`} replace state={location.state} />
    );
  }
  return <Layout>{children}</Layout>;
}

function Home() {
  const { session } = useSession();
  const { t } = useI18n();
  if (!session) return null;
  const r = session.role;
  if (hasRight(r, "deadline.read")) return <Navigate to="/worklist" replace />;
  if (hasRight(r, "portal.read")) return <Navigate to="/portal" replace />;
  if (hasRight(r, "account.manage")) return <Navigate to="/admin" replace />;
  if (hasRight(r, "statistics.read")) return <Navigate to="/stats" replace />;
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p>{t("home.noScreens")}</p>
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("notFound.heading")}</h1>
      <p>{t("notFound.text")}</p>
    </>
  );
}

/** When any request finds the session ended, go to sign-in, remembering where the user was. */
function SessionWatch() {
  const { markExpired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    onUnauthenticated(() => {
      markExpired();
      if (!location.pathname.startsWith("/sign-in"))
        navigate(`/sign-in?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, {
          replace: true,
          state: location.state,
        });
    });
    return () => onUnauthenticated(null);
  }, [markExpired, navigate, location]);
  return null;
}

/**
 * A page that needs a session. The boundary for a section still loading is outside the frame, at
 * the same place for every page: going from one page to another keeps the old page on screen
 * until the new one is ready (navigations are transitions), and the frame then focuses the new
 * page's heading as usual.
 */
const guarded = (el: ReactNode) => (
  <Suspense fallback={<Loading />}>
    <RequireSession>{el}</RequireSession>
  </Suspense>
);

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <SessionWatch />
          <Routes>
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/" element={guarded(<Home />)} />
            <Route path="/worklist" element={guarded(<Worklist />)} />
            <Route path="/cases" element={guarded(<Cases />)} />
            <Route path="/cases/new" element={guarded(<NewCase />)} />
            <Route path="/cases/:id" element={guarded(<CasePage />)} />
            <Route path="/approvals" element={guarded(<Approvals />)} />
            <Route path="/portal" element={guarded(<PortalList />)} />
            <Route path="/portal/cases/:id" element={guarded(<PortalCasePage />)} />
            <Route path="/admin/*" element={guarded(<Admin />)} />
            <Route path="/stats/*" element={guarded(<Statistics />)} />
            <Route path="/account" element={guarded(<Account />)} />
            <Route path="*" element={guarded(<NotFound />)} />
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
