/**
 * The design system's alert as plain markup (the classes of USWDS's `usa-alert`), for the pages
 * in the first chunk: sign-in, and problems on any page. The sign-in page thereby loads none of
 * the React components' library (@trussworks/react-uswds), which brings much it does not use.
 */
import type { AriaRole, ReactNode, Ref } from "react";

export function Alert({
  type,
  heading,
  headingLevel: Heading,
  slim = false,
  role,
  className,
  alertRef,
  children,
}: {
  type: "success" | "warning" | "error" | "info";
  heading?: ReactNode;
  headingLevel: "h2" | "h3";
  slim?: boolean;
  role?: AriaRole;
  className?: string;
  /** Set to move focus to the alert (it then takes focus from script, not from the Tab key). */
  alertRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const classes = ["usa-alert", `usa-alert--${type}`, slim ? "usa-alert--slim" : "", className ?? ""];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      role={role}
      ref={alertRef}
      tabIndex={alertRef ? -1 : undefined}
    >
      <div className="usa-alert__body">
        {heading && <Heading className="usa-alert__heading">{heading}</Heading>}
        <div className="usa-alert__text">{children}</div>
      </div>
    </div>
  );
}
