/** The workspace's routes. Every page but sign-in and enrolment needs a session; an ended session returns to sign-in and then back. */
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { onUnauthenticated } from "./api.ts";
import { Loading } from "./components/Loading.tsx";
import { I18nProvider, useI18n } from "./i18n/index.tsx";
import { createQueryClient } from "./queries.ts";
import { SignIn } from "./screens/SignIn.tsx";
import { SessionProvider, useSession } from "./session.tsx";

// Sign-in is in the first chunk; the frame of the signed-in pages and every other screen load when
// first opened, so that the sign-in page loads none of their code (the roles' rights and the forms
// built from the API's schemas bring zod, for instance).
const Layout = lazy(() => import("./components/Layout.tsx").then((m) => ({ default: m.Layout })));
const Home = lazy(() => import("./screens/Home.tsx").then((m) => ({ default: m.Home })));
const Worklist = lazy(() => import("./screens/Worklist.tsx").then((m) => ({ default: m.Worklist })));
const Cases = lazy(() => import("./screens/Cases.tsx").then((m) => ({ default: m.Cases })));
const NewCase = lazy(() => import("./screens/NewCase.tsx").then((m) => ({ default: m.NewCase })));
const CasePage = lazy(() => import("./screens/CasePage.tsx").then((m) => ({ default: m.CasePage })));
const Evidence = lazy(() =>
  import("./screens/case/evidence/index.tsx").then((m) => ({ default: m.Evidence })),
);
const Coi = lazy(() => import("./screens/coi/index.tsx").then((m) => ({ default: m.Coi })));
const CaseInterviews = lazy(() =>
  import("./screens/case/interviews/index.tsx").then((m) => ({ default: m.CaseInterviews })),
);
const Examination = lazy(() =>
  import("./screens/case/examination/index.tsx").then((m) => ({ default: m.Examination })),
);
const Translations = lazy(() =>
  import("./screens/Translations.tsx").then((m) => ({ default: m.Translations })),
);
const TranslationEditor = lazy(() =>
  import("./screens/case/translations/TranslationEditor.tsx").then((m) => ({ default: m.TranslationEditor })),
);
const Alerts = lazy(() => import("./screens/Alerts.tsx").then((m) => ({ default: m.Alerts })));
const Approvals = lazy(() => import("./screens/Approvals.tsx").then((m) => ({ default: m.Approvals })));
const Inbox = lazy(() => import("./screens/Inbox.tsx").then((m) => ({ default: m.Inbox })));
const PortalList = lazy(() => import("./screens/Portal.tsx").then((m) => ({ default: m.PortalList })));
const Committee = lazy(() => import("./screens/Committee.tsx").then((m) => ({ default: m.Committee })));
const Interviews = lazy(() => import("./screens/Interviews.tsx").then((m) => ({ default: m.Interviews })));
const PortalCasePage = lazy(() =>
  import("./screens/Portal.tsx").then((m) => ({ default: m.PortalCasePage })),
);
const Enrol = lazy(() => import("./screens/Enrol.tsx").then((m) => ({ default: m.Enrol })));
const Account = lazy(() => import("./screens/Account.tsx").then((m) => ({ default: m.Account })));
const TranslationMemory = lazy(() =>
  import("./screens/translation-memory/index.tsx").then((m) => ({ default: m.TranslationMemory })),
);
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
      <Navigate
        to={`/sign-in?next=${next}${expired ? "&expired=1" : ""}`}
        replace
        state={location.state as unknown}
      />
    );
  }
  return <Layout>{children}</Layout>;
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
        void navigate(`/sign-in?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, {
          replace: true,
          state: location.state as unknown,
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
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <SessionWatch />
            <Routes>
              <Route path="/sign-in" element={<SignIn />} />
              <Route
                path="/enrol"
                element={
                  <Suspense fallback={<Loading />}>
                    <Enrol />
                  </Suspense>
                }
              />
              <Route path="/" element={guarded(<Home />)} />
              <Route path="/worklist" element={guarded(<Worklist />)} />
              <Route path="/cases" element={guarded(<Cases />)} />
              <Route path="/cases/new" element={guarded(<NewCase />)} />
              <Route path="/cases/:id" element={guarded(<CasePage />)} />
              <Route path="/cases/:id/evidence/*" element={guarded(<Evidence />)} />
              <Route path="/coi/*" element={guarded(<Coi />)} />
              <Route path="/cases/:id/interviews/*" element={guarded(<CaseInterviews />)} />
              <Route path="/cases/:id/examination" element={guarded(<Examination />)} />
              <Route path="/cases/:id/translations/:jobId" element={guarded(<TranslationEditor />)} />
              <Route path="/translations" element={guarded(<Translations />)} />
              <Route path="/translations/:jobId" element={guarded(<TranslationEditor />)} />
              <Route path="/approvals" element={guarded(<Approvals />)} />
              <Route path="/alerts" element={guarded(<Alerts />)} />
              <Route path="/inbox" element={guarded(<Inbox />)} />
              <Route path="/portal" element={guarded(<PortalList />)} />
              <Route path="/interviews" element={guarded(<Interviews />)} />
              <Route path="/committee" element={guarded(<Committee />)} />
              <Route path="/portal/cases/:id" element={guarded(<PortalCasePage />)} />
              <Route path="/translation-memory" element={guarded(<TranslationMemory />)} />
              <Route path="/admin/*" element={guarded(<Admin />)} />
              <Route path="/stats/*" element={guarded(<Statistics />)} />
              <Route path="/account" element={guarded(<Account />)} />
              <Route path="*" element={guarded(<NotFound />)} />
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
