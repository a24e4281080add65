/**
 * A form for one event of a case's procedure profile, made from the event's JSON Schema as the
 * server publishes it (GET /api/v1/profiles/{id}), which the server makes from the very zod
 * schema it validates with. Each field's widget follows its schema: dates, choices, yes/no, text;
 * nested objects as a group. Its words (the event's name and description, its fields, hints and
 * choices) are the profile's own labels (`vocabulary.ts`). The web imports no profile's code.
 */
import {
  Button,
  Checkbox,
  ErrorMessage,
  Fieldset,
  FormGroup,
  Label,
  Select,
  Textarea,
  TextInput,
} from "@trussworks/react-uswds";
import { useState, type FormEvent, type ReactNode } from "react";
import type { ProfileDescription } from "../../../src/contracts/api.ts";
import { useI18n, type I18n } from "../i18n/index.tsx";
import type { Vocabulary } from "../vocabulary.ts";
import { PlainInput, todayIn } from "./common.tsx";

export type ProfileEvent = ProfileDescription["events"][number];

/** The part of JSON Schema (draft 2020-12) that event schemas use. */
interface JsonSchema {
  type?: string;
  format?: string;
  enum?: (string | number)[];
  const?: string | number | boolean;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
}

export interface FieldSpec {
  name: string;
  path: string;
  /** `lines`: a list of short texts (a JSON Schema array of strings), one per line. */
  kind: "date" | "text" | "textarea" | "lines" | "boolean" | "choice" | "fixed" | "group";
  required: boolean;
  options?: (string | number)[];
  numeric?: boolean;
  fixed?: unknown;
  defaultValue?: unknown;
  maxLength?: number;
  children?: FieldSpec[];
}

/** The widest range of whole numbers offered as a list of choices. */
const MAX_CHOICES = 30;

/** The fields of an object schema, in order, as the form shows them. */
export function fieldsOf(schema: JsonSchema, prefix = ""): FieldSpec[] {
  const out: FieldSpec[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    if (name === "type" && prefix === "") continue;
    let s = raw;
    let nullable = false;
    const nonNull = s.anyOf?.filter((o) => o.type !== "null");
    if (s.anyOf && nonNull && nonNull.length === 1 && nonNull[0]) {
      nullable = true;
      s = nonNull[0];
    }
    const base = {
      name,
      path: prefix + name,
      required: required.has(name) && !nullable && s.default === undefined,
      defaultValue: s.default,
    };
    const consts = s.anyOf?.every((o) => o.const !== undefined) ? s.anyOf.map((o) => o.const) : null;
    if (s.const !== undefined) out.push({ ...base, kind: "fixed", fixed: s.const });
    else if (consts)
      out.push({
        ...base,
        kind: "choice",
        numeric: consts.every((c) => typeof c === "number"),
        options: consts as (string | number)[],
      });
    else if (s.type === "string" && s.format === "date") out.push({ ...base, kind: "date" });
    else if (s.enum)
      out.push({ ...base, kind: "choice", numeric: s.type !== "string", options: [...s.enum] });
    else if (s.type === "string")
      out.push({
        ...base,
        kind: (s.maxLength ?? 0) > 1000 ? "textarea" : "text",
        ...(s.maxLength ? { maxLength: s.maxLength } : {}),
      });
    else if (s.type === "boolean") out.push({ ...base, kind: "boolean" });
    else if (
      (s.type === "integer" || s.type === "number") &&
      s.minimum !== undefined &&
      s.maximum !== undefined &&
      s.maximum - s.minimum < MAX_CHOICES
    ) {
      const options = Array.from({ length: s.maximum - s.minimum + 1 }, (_, i) => (s.minimum ?? 0) + i);
      out.push({ ...base, kind: "choice", numeric: true, options });
    } else if (s.type === "integer" || s.type === "number")
      out.push({ ...base, kind: "text", numeric: true });
    else if (s.type === "array" && s.items?.type === "string")
      out.push({ ...base, kind: "lines", ...(s.items.maxLength ? { maxLength: s.items.maxLength } : {}) });
    else if (s.type === "object" && s.properties)
      out.push({ ...base, kind: "group", children: fieldsOf(s, `${prefix}${name}.`) });
  }
  return out;
}

type Values = Record<string, string | boolean>;

function initialValues(fields: FieldSpec[], defaults: Values, today: string): Values {
  const v: Values = {};
  for (const f of fields) {
    if (f.kind === "group") Object.assign(v, initialValues(f.children ?? [], defaults, today));
    else if (f.kind === "boolean") v[f.path] = f.defaultValue === true;
    else if (f.kind === "date" && f.name === "occurredOn") v[f.path] = today;
    else if (f.kind === "choice" && f.required && f.options?.length === 1) v[f.path] = String(f.options[0]);
    else v[f.path] = "";
    if (defaults[f.path] !== undefined) v[f.path] = defaults[f.path] as string | boolean;
  }
  return v;
}

function build(fields: FieldSpec[], values: Values): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const f of fields) {
    const raw = values[f.path];
    if (f.kind === "fixed") {
      out[f.name] = f.fixed;
      continue;
    }
    if (f.kind === "group") {
      const child = build(f.children ?? [], values);
      if (child) {
        out[f.name] = child;
        any = true;
      }
      continue;
    }
    if (f.kind === "boolean") {
      out[f.name] = raw === true;
      if (raw === true) any = true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "") continue;
    if (f.kind === "lines") {
      out[f.name] = lines(text);
      any = true;
      continue;
    }
    out[f.name] = f.numeric ? Number(text) : text;
    any = true;
  }
  return any || prefixless(fields) ? out : undefined;
}
const prefixless = (fields: FieldSpec[]) => !fields[0]?.path.includes(".");
/** The non-empty lines of a text, trimmed. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Which optional fields matter given the others (the server checks the rest). */
function visible(f: FieldSpec, v: Values): boolean {
  if (f.name === "nonReferralGround") return v.referred === false;
  if (f.name === "exclusionGround") return v.outcome === "excluded";
  return true;
}

/** What the form can tell before sending: a required field left empty, a text too long. */
function check(i18n: I18n, fields: FieldSpec[], values: Values, errors: Record<string, string> = {}) {
  for (const f of fields) {
    if (!visible(f, values)) continue;
    if (f.kind === "group") {
      const used = (f.children ?? []).some((c) => {
        const v = values[c.path];
        return typeof v === "string" ? v.trim() !== "" : v === true;
      });
      if (f.required || used) check(i18n, f.children ?? [], values, errors);
      continue;
    }
    const v = values[f.path];
    const text = typeof v === "string" ? v.trim() : "";
    if (
      f.required &&
      (f.kind === "text" ||
        f.kind === "textarea" ||
        f.kind === "lines" ||
        f.kind === "date" ||
        f.kind === "choice") &&
      text === ""
    )
      errors[f.path] = i18n.t("validation.required");
    else if (
      f.kind === "lines" &&
      f.maxLength !== undefined &&
      lines(text).some((l) => [...l].length > (f.maxLength ?? 0))
    )
      errors[f.path] = i18n.t("validation.tooLong");
    else if (f.kind !== "lines" && f.maxLength !== undefined && [...text].length > f.maxLength)
      errors[f.path] = i18n.t("validation.tooLong");
    else if (f.kind === "date" && text !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(text))
      errors[f.path] = i18n.t("validation.invalid");
    else if (f.numeric && text !== "" && !Number.isFinite(Number(text)))
      errors[f.path] = i18n.t("validation.invalid");
  }
  return errors;
}

export interface EventFormProps {
  event: ProfileEvent;
  /** The words of the case's profile. */
  vocabulary: Vocabulary;
  /** The profile's time zone: the legal date defaults to today there. */
  timeZone: string;
  defaults?: Values;
  submit: (event: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
  problem?: ReactNode;
}

export function EventForm({
  event,
  vocabulary,
  timeZone,
  defaults = {},
  submit,
  onCancel,
  problem,
}: EventFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { type } = event;
  const fields = fieldsOf(event.schema);
  const description = vocabulary.description(type);
  const [values, setValues] = useState<Values>(() => initialValues(fields, defaults, todayIn(timeZone)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (path: string, v: string | boolean) => setValues((old) => ({ ...old, [path]: v }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = { type, ...build(fields, values) };
    const errs = check(i18n, fields, values);
    if (Object.keys(errs).length > 0) {
      setErrors(errs);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await submit(data);
    } finally {
      setBusy(false);
    }
  }

  const render = (f: FieldSpec): ReactNode => {
    if (f.kind === "fixed" || !visible(f, values)) return null;
    const id = `ev-${type}-${f.path.replace(/\./g, "-")}`;
    const label = (
      <>
        {vocabulary.field(f.path)}
        {!f.required && f.kind !== "boolean" && <span className="usa-hint"> {t("common.optional")}</span>}
      </>
    );
    const error = errors[f.path];
    const hint = vocabulary.hint(f.name);
    const hasHint = hint !== null;
    if (f.kind === "group") {
      return (
        <Fieldset key={f.path} legend={vocabulary.field(f.path)} className="margin-top-2 event-form__group">
          {(f.children ?? []).map(render)}
        </Fieldset>
      );
    }
    if (f.kind === "boolean") {
      return (
        <Checkbox
          key={f.path}
          id={id}
          name={f.path}
          className="margin-top-2"
          label={vocabulary.field(f.path)}
          checked={values[f.path] === true}
          onChange={(e) => set(f.path, e.target.checked)}
        />
      );
    }
    const common = {
      id,
      name: f.path,
      validationStatus: error ? ("error" as const) : undefined,
      "aria-describedby":
        [error ? `${id}-error` : "", hasHint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined,
    };
    return (
      <FormGroup key={f.path} error={!!error}>
        <Label htmlFor={id} error={!!error}>
          {label}
        </Label>
        {hasHint && (
          <span className="usa-hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        {f.kind === "date" && (
          <PlainInput
            {...common}
            invalid={!!error}
            type="date"
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "text" && (
          <TextInput
            {...common}
            type="text"
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "lines" && (
          <Textarea
            {...common}
            className="event-form__lines"
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "textarea" && (
          <Textarea
            {...common}
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          />
        )}
        {f.kind === "choice" && (
          <Select
            {...common}
            value={String(values[f.path] ?? "")}
            onChange={(e) => set(f.path, e.target.value)}
          >
            <option value="">{t("common.choose")}</option>
            {(f.options ?? []).map((o) => (
              <option key={String(o)} value={String(o)}>
                {vocabulary.value(f.name, o)}
              </option>
            ))}
          </Select>
        )}
      </FormGroup>
    );
  };

  return (
    <form className="usa-form usa-form--large event-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 className="margin-top-0">{vocabulary.event(type)}</h3>
      {description && <p className="usa-hint event-form__description">{description}</p>}
      {Object.keys(errors).length > 0 && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("validation.summary")}</p>
          </div>
        </div>
      )}
      {problem}
      {fields.map(render)}
      <div className="margin-top-3">
        <Button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("case.actions.record")}
        </Button>
        <Button type="button" outline onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
