/**
 * Intake: register the applicant and open the case (application_filed), validated by the API's
 * schemas. The nationality, the countries and the languages are picked from lists searchable in
 * Korean or English; before registering, the server is asked whether the person is already known
 * (NewCaseDuplicates), and the clerk then opens a case for that person or registers anyway. Once
 * the person is registered or chosen, earlier persons who may be them across scripts and spellings
 * are proposed (NewCaseMatches); the clerk confirms or rejects each, and the case opens, as a
 * subsequent application naming the confirmed persons' earlier cases where there are any.
 */
import { Button, ErrorMessage, Fieldset, FormGroup, Label, Select, TextInput } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import {
  CaseOpenSchema,
  PersonInputSchema,
  type CaseOpen,
  type PersonDuplicate,
  type PersonDuplicatesQuery,
  type PersonInput,
} from "../../../src/contracts/api.ts";
import { ROLE_DEFINITIONS } from "../../../src/security/access/rights.ts";
import { client } from "../api.ts";
import { todayInSeoul } from "../components/common.tsx";
import { languageOptions } from "../components/codes.ts";
import { CodeListPicker, CountryPicker, CountrySelect } from "../components/CountrySelect.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useI18n } from "../i18n/index.tsx";
import { keys } from "../queries.ts";
import { useOffices } from "../reference.ts";
import { useSignedIn } from "../session.tsx";
import { NewCaseDuplicates } from "./NewCaseDuplicates.tsx";
import { NewCaseMatches } from "./NewCaseMatches.tsx";

const SCRIPTS = ["Latn", "Hang", "Khmr", "Cyrl", "Arab", "Hani", "Mymr", "Thai", "Deva", "Ethi"];
const DOCUMENT_KINDS = [
  "passport",
  "alien_registration",
  "national_id",
  "resident_registration",
  "other",
] as const;
/** The fields that say who the person is: changing one asks the duplicate question again. */
const IDENTITY = new Set(["name", "name2", "nationality", "birthDate", "docKind", "docNumber"]);

type Opening = Omit<CaseOpen, "personId">;

/** What the duplicate check is asked: identifiers, and names with the date of birth and nationality. */
function duplicateQuery(person: PersonInput): PersonDuplicatesQuery {
  return {
    ...(person.identifiers?.length ? { identifiers: person.identifiers } : {}),
    names: person.names.map((n) => ({ value: n.value })),
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    nationality: person.nationality,
  };
}

export function NewCase() {
  const i18n = useI18n();
  const { t, tv, locale } = i18n;
  const session = useSignedIn();
  const offices = useOffices();
  const navigate = useNavigate();
  const spans = ROLE_DEFINITIONS[session.role].spansOffices;
  const [v, setV] = useState<Record<string, string>>({
    name: "",
    script: "Latn",
    name2: "",
    script2: "Hang",
    nationality: "",
    birthDate: "",
    sex: "",
    office: session.officeId ?? "",
    channel: "in_country",
    kind: "first",
    filedOn: todayInSeoul(),
    docKind: "passport",
    docNumber: "",
    address: "",
    phone: "",
    repName: "",
    repContact: "",
  });
  const [languages, setLanguages] = useState<string[]>([]);
  // Identity documents after the first (a passport and an alien registration card, say).
  const [moreDocs, setMoreDocs] = useState<{ kind: string; number: string }[]>([]);
  // The duplicates the server found for what was submitted, and that submission, until the clerk chooses.
  const [duplicates, setDuplicates] = useState<{
    items: PersonDuplicate[];
    person: PersonInput;
    opening: Opening;
  } | null>(null);
  // The countries the disclosure barrier checks besides the nationality (RA 17(3)).
  const [countries, setCountries] = useState<{ countriesFeared: string[]; formerResidences: string[] }>({
    countriesFeared: [],
    formerResidences: [],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  // The applicant first (unless already registered), then the earlier persons who may be them.
  const [matching, setMatching] = useState<{ personId: string; opening: Opening } | null>(null);
  const open = useMutation({
    mutationFn: (a: { personId: string; opening: Opening }) =>
      client.openCase({ personId: a.personId, ...a.opening }),
    onSuccess: (opened) => {
      void queryClient.invalidateQueries({ queryKey: keys.cases });
      void queryClient.invalidateQueries({ queryKey: keys.deadlines });
      void navigate(`/cases/${opened.id}`);
    },
  });
  const register = useMutation({
    mutationFn: async (
      a: ({ person: PersonInput } | { personId: string }) & { opening: Opening; declined?: string[] },
    ) => {
      const personId = "personId" in a ? a.personId : (await client.createPerson(a.person)).id;
      const found = await client.personMatches(personId);
      // Those the clerk just declared another person (registering anyway) are not asked about again.
      const proposals = found.items.filter((m) => !a.declined?.includes(m.personId)).length;
      // A person registered before may have cases that ended: the new one would follow them.
      const ended = found.ownCases.filter((c) => c.ending !== null).length;
      return { personId, opening: a.opening, proposals: proposals + ended };
    },
    onSuccess: (r) => {
      setDuplicates(null);
      // Nobody earlier who may be them, and no earlier case of theirs: the case opens as entered.
      if (r.proposals === 0) open.mutate({ personId: r.personId, opening: r.opening });
      else setMatching({ personId: r.personId, opening: r.opening });
    },
  });
  // Asked before registering: is this person already known?
  const check = useMutation({
    mutationFn: async ({ person, opening }: { person: PersonInput; opening: Opening }) => {
      const found = await client.findDuplicatePersons(duplicateQuery(person));
      return { items: found.items, person, opening };
    },
    onSuccess: (r) => {
      if (r.items.length) setDuplicates(r);
      else register.mutate({ person: r.person, opening: r.opening });
    },
  });
  const set = (k: string, x: string) => {
    setV((o) => ({ ...o, [k]: x }));
    if (IDENTITY.has(k)) setDuplicates(null);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const names = [{ value: v.name ?? "", script: v.script, kind: "primary" as const }];
    if (v.name2?.trim()) names.push({ value: v.name2, script: v.script2, kind: "primary" as const });
    if (names[1])
      (names[1] as { kind: string }).kind = v.script2 === "Hang" ? "hangul_transcription" : "alias";
    const documents = [{ kind: v.docKind ?? "passport", number: v.docNumber ?? "" }, ...moreDocs]
      .map((d) => ({ kind: d.kind, value: d.number.trim() }))
      .filter((d) => d.value !== "");
    const contact = {
      ...(v.address?.trim() ? { address: v.address } : {}),
      ...(v.phone?.trim() ? { phone: v.phone } : {}),
    };
    const person = {
      names,
      ...(Object.keys(contact).length ? { contact } : {}),
      ...(v.repName?.trim() || v.repContact?.trim()
        ? {
            representative: {
              name: v.repName ?? "",
              ...(v.repContact?.trim() ? { contact: v.repContact } : {}),
            },
          }
        : {}),
      nationality: v.nationality ?? "",
      ...(documents.length ? { identifiers: documents } : {}),
      ...(languages.length ? { languages } : {}),
      ...(v.birthDate ? { birthDate: v.birthDate } : {}),
      ...(v.sex ? { sex: v.sex } : {}),
      ...(countries.countriesFeared.length ? { countriesFeared: countries.countriesFeared } : {}),
      ...(countries.formerResidences.length ? { formerResidences: countries.formerResidences } : {}),
    };
    /** The field of the n-th non-empty document (empty ones were left out). */
    function documentKey(n: number): string {
      const filled = [v.docNumber ?? "", ...moreDocs.map((d) => d.number)]
        .map((x, i) => [x, i] as const)
        .filter(([x]) => x.trim() !== "");
      const at = filled[n]?.[1] ?? 0;
      return at === 0 ? "docNumber" : `docNumber-${at}`;
    }
    const caseInput = { office: v.office, channel: v.channel, kind: v.kind, filedOn: v.filedOn };
    const errs: Record<string, string> = {};
    const p = PersonInputSchema.safeParse(person);
    if (!p.success)
      for (const i of p.error.issues) {
        const key =
          i.path[0] === "names"
            ? i.path[1] === 1
              ? "name2"
              : "name"
            : i.path[0] === "identifiers"
              ? documentKey(Number(i.path[1] ?? 0))
              : i.path[0] === "contact"
                ? String(i.path[1] ?? "address")
                : i.path[0] === "representative"
                  ? i.path[1] === "contact"
                    ? "repContact"
                    : "repName"
                  : String(i.path[0]);
        errs[key] ??= t("validation.invalid");
      }
    const c = CaseOpenSchema.omit({ personId: true }).safeParse(caseInput);
    if (!c.success) for (const i of c.error.issues) errs[String(i.path[0])] ??= t("validation.required");
    if (!v.name?.trim()) errs.name = t("validation.required");
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (!p.success || !c.success) return;
    // Asked again at every submission: registering anyway is only ever the warning's own button.
    check.mutate({ person: p.data, opening: c.data });
  }

  const field = (key: string, label: string, input: React.ReactNode, hint?: string) => (
    <FormGroup error={!!errors[key]}>
      <Label htmlFor={`nc-${key}`} error={!!errors[key]} hint={hint}>
        {label}
      </Label>
      {errors[key] && <ErrorMessage id={`nc-${key}-error`}>{errors[key]}</ErrorMessage>}
      {input}
    </FormGroup>
  );
  const text = (key: string, type = "text", extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`nc-${key}`}
      name={key}
      type={type as "text"}
      value={v[key] ?? ""}
      validationStatus={errors[key] ? "error" : undefined}
      aria-describedby={errors[key] ? `nc-${key}-error` : undefined}
      onChange={(e) => set(key, e.target.value)}
      {...extra}
    />
  );
  const select = (key: string, options: { value: string; label: string }[], optional = false) => (
    <Select id={`nc-${key}`} name={key} value={v[key] ?? ""} onChange={(e) => set(key, e.target.value)}>
      {optional && <option value="">{t("common.choose")}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
  const countryList = (key: "countriesFeared" | "formerResidences") => (
    <CountrySelect
      id={`nc-${key}`}
      value={countries[key]}
      onChange={(codes) => setCountries((c) => ({ ...c, [key]: codes }))}
      describedBy={errors[key] ? `nc-${key}-error` : undefined}
    />
  );
  const scripts = SCRIPTS.map((s) => ({ value: s, label: tv("script", s) }));

  return (
    <>
      <h1>{t("newCase.heading")}</h1>
      <p className="usa-intro">{t("newCase.intro")}</p>
      {open.isError && <ProblemAlert error={open.error} />}
      {register.isError && <ProblemAlert error={register.error} />}
      {check.isError && <ProblemAlert error={check.error} />}
      {duplicates && (
        <NewCaseDuplicates
          items={duplicates.items}
          busy={register.isPending || open.isPending}
          onOpenFor={(personId) => register.mutate({ personId, opening: duplicates.opening })}
          onRegisterAnyway={() =>
            register.mutate({
              person: duplicates.person,
              opening: duplicates.opening,
              declined: duplicates.items.map((d) => d.personId),
            })
          }
        />
      )}
      {matching && (
        <NewCaseMatches
          personId={matching.personId}
          busy={open.isPending}
          onOpen={(priorCaseIds) =>
            open.mutate({
              personId: matching.personId,
              opening: priorCaseIds.length
                ? { ...matching.opening, kind: "subsequent", priorCaseIds }
                : matching.opening,
            })
          }
        />
      )}
      {!matching && (
        <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
          <Fieldset legend={t("person.heading")} legendStyle="large">
            {field("name", t("newCase.name"), text("name"), t("newCase.nameHint"))}
            {field("script", t("newCase.script"), select("script", scripts))}
            {field("name2", t("newCase.name2"), text("name2"), t("newCase.name2Hint"))}
            {field("script2", t("newCase.script2"), select("script2", scripts))}
            {field(
              "nationality",
              t("person.nationality"),
              <CountryPicker
                id="nc-nationality"
                value={v.nationality ?? ""}
                onChange={(c) => set("nationality", c)}
              />,
              t("newCase.nationalityHint"),
            )}
            {field(
              "countriesFeared",
              t("person.countriesFeared"),
              countryList("countriesFeared"),
              t("newCase.countriesFearedHint"),
            )}
            {field(
              "formerResidences",
              `${t("person.formerResidences")} ${t("common.optional")}`,
              countryList("formerResidences"),
              t("newCase.formerResidencesHint"),
            )}
            {field(
              "birthDate",
              `${t("person.birthDate")} ${t("common.optional")}`,
              text("birthDate", "date"),
            )}
            {field(
              "languages",
              `${t("person.languages")} ${t("common.optional")}`,
              <CodeListPicker
                id="nc-languages"
                options={languageOptions(locale)}
                value={languages}
                onChange={setLanguages}
              />,
              t("newCase.languagesHint"),
            )}
            {field(
              "docKind",
              `${t("newCase.docKind")} ${t("common.optional")}`,
              select(
                "docKind",
                DOCUMENT_KINDS.map((k) => ({ value: k, label: tv("identifierKind", k) })),
              ),
            )}
            {field("docNumber", `${t("newCase.docNumber")} ${t("common.optional")}`, text("docNumber"))}
            {moreDocs.map((d, i) => {
              const n = i + 1;
              const update = (change: Partial<{ kind: string; number: string }>) => {
                setMoreDocs((all) => all.map((x, j) => (j === i ? { ...x, ...change } : x)));
                setDuplicates(null);
              };
              return (
                <Fieldset key={n} legend={t("newCase.docMore", { n: n + 1 })} className="margin-top-2">
                  <Label htmlFor={`nc-docKind-${n}`}>{t("newCase.docKind")}</Label>
                  <Select
                    id={`nc-docKind-${n}`}
                    name={`docKind-${n}`}
                    value={d.kind}
                    onChange={(e) => update({ kind: e.target.value })}
                  >
                    {DOCUMENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {tv("identifierKind", k)}
                      </option>
                    ))}
                  </Select>
                  {field(
                    `docNumber-${n}`,
                    t("newCase.docNumber"),
                    <TextInput
                      id={`nc-docNumber-${n}`}
                      name={`docNumber-${n}`}
                      type="text"
                      value={d.number}
                      validationStatus={errors[`docNumber-${n}`] ? "error" : undefined}
                      aria-describedby={errors[`docNumber-${n}`] ? `nc-docNumber-${n}-error` : undefined}
                      onChange={(e) => update({ number: e.target.value })}
                    />,
                  )}
                  <Button
                    type="button"
                    unstyled
                    onClick={() => setMoreDocs((all) => all.filter((_, j) => j !== i))}
                  >
                    {t("newCase.docRemove", { n: n + 1 })}
                  </Button>
                </Fieldset>
              );
            })}
            {moreDocs.length < 9 && (
              <Button
                type="button"
                outline
                className="margin-top-2"
                onClick={() => setMoreDocs((all) => [...all, { kind: "alien_registration", number: "" }])}
              >
                {t("newCase.docAdd")}
              </Button>
            )}
            {field(
              "sex",
              `${t("person.sex")} ${t("common.optional")}`,
              select(
                "sex",
                ["female", "male", "other", "unknown"].map((s) => ({ value: s, label: tv("enum.sex", s) })),
                true,
              ),
            )}
          </Fieldset>
          <Fieldset legend={t("newCase.contact")} legendStyle="large" className="margin-top-4">
            <p className="usa-hint">{t("newCase.contactHint")}</p>
            {field("address", `${t("person.address")} ${t("common.optional")}`, text("address"))}
            {field(
              "phone",
              `${t("person.phone")} ${t("common.optional")}`,
              text("phone", "tel"),
              t("newCase.phoneHint"),
            )}
            {field("repName", `${t("newCase.repName")} ${t("common.optional")}`, text("repName"))}
            {field(
              "repContact",
              `${t("newCase.repContact")} ${t("common.optional")}`,
              text("repContact"),
              t("newCase.repContactHint"),
            )}
          </Fieldset>
          <Fieldset legend={t("newCase.application")} legendStyle="large" className="margin-top-4">
            {field(
              "office",
              t("case.office"),
              spans
                ? select(
                    "office",
                    offices.map((o) => ({ value: o.code, label: locale === "ko" ? o.nameKo : o.nameEn })),
                    true,
                  )
                : select(
                    "office",
                    offices
                      .filter((o) => o.code === session.officeId)
                      .map((o) => ({ value: o.code, label: locale === "ko" ? o.nameKo : o.nameEn })),
                  ),
            )}
            {field(
              "channel",
              t("field.channel"),
              select(
                "channel",
                ["in_country", "port_of_entry", "detention_centre"].map((c) => ({
                  value: c,
                  label: tv("channel", c),
                })),
              ),
            )}
            {field(
              "kind",
              t("field.kind"),
              select(
                "kind",
                ["first", "subsequent"].map((c) => ({ value: c, label: tv("caseKind", c) })),
              ),
            )}
            {field("filedOn", t("case.filedOn"), text("filedOn", "date"))}
          </Fieldset>
          <Button
            type="submit"
            disabled={open.isPending || check.isPending || register.isPending}
            className="margin-top-4"
          >
            {open.isPending || check.isPending || register.isPending
              ? t("common.working")
              : t("newCase.submit")}
          </Button>
        </form>
      )}
    </>
  );
}
