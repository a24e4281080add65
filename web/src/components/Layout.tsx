/** The frame of every signed-in page: a plain header with the user's places, the language switch, and a footer. */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { NavLink, useLocation, useNavigate } from "react-router";
import { hasRight } from "../../../src/security/access/rights.ts";
import { InboxLink } from "./InboxLink.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { useSession } from "../session.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

interface NavItem {
  to: string;
  label: MessageKey;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // On a phone the menu folds behind a button; a new page folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // After a change of page, move focus to its heading, as a full page load would for a screen reader.
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    // A new page starts at its top, as after a full page load (not where the last one was scrolled to).
    window.scrollTo(0, 0);
    const focusHeading = () => {
      const h1 = main.querySelector("h1");
      if (!h1) return false;
      h1.setAttribute("tabindex", "-1");
      h1.focus({ preventScroll: true });
      window.scrollTo(0, 0);
      return true;
    };
    if (focusHeading()) return;
    // The heading can come a moment later (the frame itself just loaded, or the page waits for its
    // data): focus it then, unless the user has meanwhile put the focus somewhere.
    const watch = new MutationObserver(() => {
      const free = document.activeElement === null || document.activeElement === document.body;
      if (!free || focusHeading()) watch.disconnect();
    });
    watch.observe(main, { childList: true, subtree: true });
    const giveUp = setTimeout(() => watch.disconnect(), 10_000);
    return () => {
      watch.disconnect();
      clearTimeout(giveUp);
    };
  }, [location.pathname]);
  const items: NavItem[] = [];
  if (session) {
    const r = session.role;
    if (hasRight(r, "deadline.read")) items.push({ to: "/worklist", label: "nav.worklist" });
    if (hasRight(r, "case.list")) items.push({ to: "/cases", label: "nav.cases" });
    if (hasRight(r, "case.open")) items.push({ to: "/cases/new", label: "nav.newCase" });
    if (hasRight(r, "decision.approve")) items.push({ to: "/approvals", label: "nav.approvals" });
    if (hasRight(r, "alerts.read")) items.push({ to: "/alerts", label: "nav.alerts" });
    if (hasRight(r, "portal.read")) items.push({ to: "/portal", label: "nav.portal" });
    if (hasRight(r, "interview.read_assigned")) items.push({ to: "/interviews", label: "nav.interviews" });
    if (hasRight(r, "translation.work")) items.push({ to: "/translations", label: "nav.translations" });
    if (hasRight(r, "committee.agenda")) items.push({ to: "/committee", label: "nav.committee" });
    if (hasRight(r, "coi.read")) items.push({ to: "/coi", label: "nav.coi" });
    if (hasRight(r, "translation.memory"))
      items.push({ to: "/translation-memory", label: "nav.translationMemory" });
    if (hasRight(r, "statistics.read")) items.push({ to: "/stats", label: "nav.statistics" });
    if (hasRight(r, "account.manage")) items.push({ to: "/admin", label: "nav.admin" });
    items.push({ to: "/account", label: "nav.account" });
  }
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t("nav.skip")}
      </a>
      <header className="usa-header usa-header--basic app-header">
        <div className="app-header__bar">
          <div className="usa-logo app-header__logo">
            <em className="usa-logo__text">
              <NavLink to="/" title={t("app.home")}>
                {t("app.name")}
              </NavLink>
            </em>
            <span className="app-header__tagline">{t("app.tagline")}</span>
          </div>
          <div className="app-header__tools">
            <LanguageSwitch />
            {session && (
              <>
                {hasRight(session.role, "case.read") && <InboxLink />}
                <span className="app-header__user">
                  {t("nav.signedInAs", {
                    user: session.username,
                    role: t(`role.${session.role}` as MessageKey),
                  })}
                </span>
                <button
                  type="button"
                  className="usa-button usa-button--outline usa-button--small"
                  onClick={() => void signOut().then(() => navigate("/sign-in"))}
                >
                  {t("nav.signOut")}
                </button>
              </>
            )}
            {items.length > 0 && (
              <button
                type="button"
                className="usa-button usa-button--small app-menu-button"
                aria-expanded={menuOpen}
                aria-controls="app-nav"
                onClick={() => setMenuOpen((open) => !open)}
              >
                {t("nav.menu")}
              </button>
            )}
          </div>
        </div>
        {items.length > 0 && (
          <nav
            id="app-nav"
            aria-label={t("nav.label")}
            className={`app-nav${menuOpen ? " app-nav--open" : ""}`}
          >
            <ul className="app-nav__list">
              {items.map((i) => (
                <li key={i.to}>
                  <NavLink to={i.to} end={i.to === "/cases"} className="app-nav__link">
                    {t(i.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main-content" ref={mainRef} className="grid-container app-main">
        {children}
      </main>
      <footer className="usa-footer usa-footer--slim app-footer">
        <div className="grid-container">
          <p>{t("app.footer")}</p>
        </div>
      </footer>
    </>
  );
}
