/**
 * A case's disclosures outside the authority, on the case page of those who may request one
 * (supervisors): what was asked and what became of it, a new request, and the country-of-origin
 * barrier's answers (docs/security.md requirement 8). A request the barrier refuses says why; one
 * held because the applicant's countries of origin are not known waits for another supervisor to
 * confirm the recipient with a reason. A request waiting for approval is approved, or returned with
 * a reason, by another supervisor. Each request, confirmation and decision asks for a new code.
 */
import {
  Button,
  Fieldset,
  FormGroup,
  Label,
  Select,
  Tag,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { hasRight } from "../../../src/security/access/rights.ts";
import { ApiError, client, type Disclosure } from "../api.ts";
import { Alert } from "../components/Alert.tsx";
import { Loading } from "../components/common.tsx";
import { FreshFactorDialog } from "../components/FreshFactorDialog.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { keys, queries } from "../queries.ts";
import { useSignedIn } from "../session.tsx";

const KINDS = ["authority", "court", "unhcr", "other"] as const;
type Pending = { what: "request" } | { what: "confirm" | "approve" | "return"; disclosure: Disclosure };

const HEADINGS = {
  request: "disclosures.request",
  confirm: "disclosures.confirm",
  approve: "disclosures.approve",
  return: "disclosures.return",
} as const;
const DONE = {
  request: "disclosures.requested",
  confirm: "disclosures.confirmed",
  approve: "disclosures.approved",
  return: "disclosures.returned",
} as const;

/** The barrier's refusal of the user's latest request, from the case's disclosures. */
function Refusal({ disclosure }: { disclosure: Disclosure }) {
  const { t } = useI18n();
  const held = disclosure.status === "awaiting_confirmation";
  return (
    <Alert
      type="error"
      headingLevel="h3"
      role="alert"
      heading={t(held ? "disclosures.held.heading" : "disclosures.refused.heading")}
    >
      <p className="margin-y-05">{t(held ? "disclosures.held.text" : "disclosures.refused.text")}</p>
    </Alert>
  );
}

function StatusTag({ status }: { status: Disclosure["status"] }) {
  const { t } = useI18n();
  const tone =
    status === "refused" || status === "awaiting_confirmation" ? "bg-secondary-dark" : "bg-base-dark";
  return <Tag className={tone}>{t(`disclosures.status.${status}` as MessageKey)}</Tag>;
}

export function CaseDisclosures({ caseId }: { caseId: string }) {
  const { t, tv, dateTime } = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const list = useQuery(queries.disclosures(caseId));
  const [form, setForm] = useState({ recipientKind: "authority", recipientCountry: "", purpose: "" });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [returns, setReturns] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [refused, setRefused] = useState<Disclosure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mayConfirm = hasRight(session.role, "disclosure.confirm");

  const act = useMutation({
    mutationFn: async ({ code, p }: { code: string; p: Pending }) => {
      await client.stepUp(code);
      if (p.what === "confirm")
        return client.confirmRecipient(caseId, p.disclosure.id, reasons[p.disclosure.id] ?? "");
      if (p.what === "approve") return client.approveDisclosure(caseId, p.disclosure.id);
      if (p.what === "return")
        return client.returnDisclosure(caseId, p.disclosure.id, returns[p.disclosure.id] ?? "");
      return client.requestDisclosure(caseId, {
        recipientKind: form.recipientKind as (typeof KINDS)[number],
        recipientCountry: form.recipientCountry.trim().toUpperCase(),
        purpose: form.purpose,
      });
    },
    onSuccess: (_, { p }) => {
      setPending(null);
      setRefused(null);
      setDone(t(DONE[p.what]));
      if (p.what === "request") setForm({ recipientKind: "authority", recipientCountry: "", purpose: "" });
      void queryClient.invalidateQueries({ queryKey: keys.disclosures(caseId) });
    },
    onError: async (error, { p }) => {
      // The barrier refused (at the request, or again at approval): it was recorded, so the list
      // says what became of the request.
      const barrier = p.what === "request" || p.what === "approve";
      if (!(error instanceof ApiError && error.status === 403 && barrier)) return;
      setPending(null);
      setDone(null);
      const items = await queryClient.fetchQuery({ ...queries.disclosures(caseId), staleTime: 0 });
      if (p.what === "approve") {
        setRefused(items.find((d) => d.id === p.disclosure.id) ?? null);
        return;
      }
      const mine = items.filter((d) => d.requestedBy === session.username);
      setRefused(mine[mine.length - 1] ?? null);
    },
  });

  function ask(e: FormEvent) {
    e.preventDefault();
    act.reset();
    setPending({ what: "request" });
  }
  const items = list.data ?? [];
  return (
    <section aria-labelledby="disclosures-heading" className="case-section">
      <h2 id="disclosures-heading">{t("disclosures.heading")}</h2>
      <p className="usa-hint">{t("disclosures.intro")}</p>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t("disclosures.none")}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled disclosures">
          {items.map((d) => (
            <li key={d.id} className="disclosures__item">
              <p className="margin-y-05">
                <StatusTag status={d.status} />{" "}
                <strong>
                  {tv("disclosures.kind", d.recipientKind)} · {d.recipientCountry}
                </strong>{" "}
                {d.purpose}
              </p>
              <p className="usa-hint margin-y-05">
                {t("disclosures.requestedBy", { who: d.requestedBy, at: dateTime(d.requestedAt) })}
                {d.recipientConfirmation &&
                  ` ${t("disclosures.confirmedBy", {
                    who: d.recipientConfirmation.by,
                    reason: d.recipientConfirmation.reason,
                  })}`}
                {d.decision &&
                  ` ${
                    d.status === "returned"
                      ? t("disclosures.returnedBy", {
                          who: d.decision.by,
                          at: dateTime(d.decision.at),
                          reason: d.decision.reason ?? "",
                        })
                      : t("disclosures.approvedBy", { who: d.decision.by, at: dateTime(d.decision.at) })
                  }`}
              </p>
              {d.status === "pending_approval" &&
                mayConfirm &&
                (d.requestedBy === session.username ? (
                  <p className="usa-hint">{t("disclosures.decideOwn")}</p>
                ) : (
                  <div className="disclosures__decision">
                    <Button
                      type="button"
                      onClick={() => {
                        act.reset();
                        setPending({ what: "approve", disclosure: d });
                      }}
                    >
                      {t("disclosures.approve")}
                    </Button>
                    <form
                      className="usa-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        act.reset();
                        setPending({ what: "return", disclosure: d });
                      }}
                    >
                      <Label htmlFor={`return-${d.id}`}>{t("disclosures.returnReason")}</Label>
                      <Textarea
                        id={`return-${d.id}`}
                        name="reason"
                        required
                        minLength={10}
                        value={returns[d.id] ?? ""}
                        onChange={(e) => setReturns((r) => ({ ...r, [d.id]: e.target.value }))}
                      />
                      <Button
                        type="submit"
                        outline
                        disabled={(returns[d.id] ?? "").trim().length < 10}
                        className="margin-top-1"
                      >
                        {t("disclosures.return")}
                      </Button>
                    </form>
                  </div>
                ))}
              {d.status === "awaiting_confirmation" &&
                mayConfirm &&
                (d.requestedBy === session.username ? (
                  <p className="usa-hint">{t("disclosures.confirmOwn")}</p>
                ) : (
                  <form
                    className="usa-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      act.reset();
                      setPending({ what: "confirm", disclosure: d });
                    }}
                  >
                    <Label htmlFor={`confirm-${d.id}`}>{t("disclosures.confirmReason")}</Label>
                    <Textarea
                      id={`confirm-${d.id}`}
                      name="reason"
                      required
                      minLength={10}
                      value={reasons[d.id] ?? ""}
                      onChange={(e) => setReasons((r) => ({ ...r, [d.id]: e.target.value }))}
                    />
                    <Button
                      type="submit"
                      disabled={(reasons[d.id] ?? "").trim().length < 10}
                      className="margin-top-1"
                    >
                      {t("disclosures.confirm")}
                    </Button>
                  </form>
                ))}
            </li>
          ))}
        </ul>
      )}
      {refused && <Refusal disclosure={refused} />}
      {done && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {done}
        </Alert>
      )}
      <form className="usa-form margin-top-2" onSubmit={ask}>
        <Fieldset legend={t("disclosures.request")}>
          <FormGroup>
            <Label htmlFor="dc-kind">{t("disclosures.recipientKind")}</Label>
            <Select
              id="dc-kind"
              name="recipientKind"
              value={form.recipientKind}
              onChange={(e) => setForm((f) => ({ ...f, recipientKind: e.target.value }))}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tv("disclosures.kind", k)}
                </option>
              ))}
            </Select>
          </FormGroup>
          <FormGroup>
            <Label htmlFor="dc-country" hint={t("disclosures.recipientCountryHint")}>
              {t("disclosures.recipientCountry")}
            </Label>
            <TextInput
              id="dc-country"
              name="recipientCountry"
              type="text"
              required
              pattern="[A-Za-z]{3}"
              maxLength={3}
              autoComplete="off"
              value={form.recipientCountry}
              onChange={(e) => setForm((f) => ({ ...f, recipientCountry: e.target.value.toUpperCase() }))}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor="dc-purpose">{t("disclosures.purpose")}</Label>
            <Textarea
              id="dc-purpose"
              name="purpose"
              required
              maxLength={500}
              value={form.purpose}
              onChange={(e) => setForm((f) => ({ ...f, purpose: e.target.value }))}
            />
          </FormGroup>
          <Button
            type="submit"
            className="margin-top-2"
            disabled={!/^[A-Z]{3}$/.test(form.recipientCountry) || !form.purpose.trim()}
          >
            {t("disclosures.submit")}
          </Button>
        </Fieldset>
      </form>
      <FreshFactorDialog
        open={pending !== null}
        heading={t(HEADINGS[pending?.what ?? "request"])}
        confirmLabel={t(
          pending?.what === "request" ? "disclosures.submit" : HEADINGS[pending?.what ?? "request"],
        )}
        username={session.username}
        busy={act.isPending}
        error={act.isError && !refused ? act.error : null}
        onConfirm={(code) => pending && act.mutate({ code, p: pending })}
        onClose={() => setPending(null)}
      />
    </section>
  );
}
