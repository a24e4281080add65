/** The header's link to the inbox, with how many things need the user now. */
import { useQuery } from "@tanstack/react-query";
import { NavLink } from "react-router";
import { useI18n } from "../i18n/index.tsx";
import { queries } from "../queries.ts";

export function InboxLink() {
  const { t } = useI18n();
  const inbox = useQuery(queries.inbox());
  const count = inbox.data?.count ?? 0;
  return (
    <NavLink to="/inbox" className="app-header__inbox usa-link">
      {t("inbox.heading")}
      <span className="app-header__count" aria-hidden="true">
        {count}
      </span>
      <span className="usa-sr-only"> {t("inbox.count", { n: count })}</span>
    </NavLink>
  );
}
