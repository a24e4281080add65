/**
 * The researcher's form (coi.manage): add a document with its passages (/coi/documents/new), or
 * edit one, its passages one by one and its archived file (/coi/documents/:docId/edit). Citations
 * made before an edit keep what they froze.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Loading } from "../../components/Loading.tsx";
import { PlainInput } from "../../components/common.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { coi, coiKeys, type CoiDocument, type CoiPassage } from "./api.ts";
import "./coi.css";

interface Fields {
  source: string;
  title: string;
  author: string;
  publishedOn: string;
  accessedOn: string;
  url: string;
  country: string;
  language: string;
  topics: string;
  profiles: string;
}

const EMPTY: Fields = {
  source: "",
  title: "",
  author: "",
  publishedOn: "",
  accessedOn: "",
  url: "",
  country: "",
  language: "ko",
  topics: "",
  profiles: "",
};

const fieldsOf = (d: CoiDocument): Fields => ({
  source: d.source,
  title: d.title,
  author: d.author ?? "",
  publishedOn: d.publishedOn ?? "",
  accessedOn: d.accessedOn ?? "",
  url: d.url ?? "",
  country: d.country,
  language: d.language,
  topics: d.topics.join(", "),
  profiles: d.profiles.join(", "),
});

const keysOf = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);

const body = (f: Fields) => ({
  source: f.source,
  title: f.title,
  author: f.author.trim() || null,
  publishedOn: f.publishedOn || null,
  accessedOn: f.accessedOn || null,
  url: f.url.trim() || null,
  country: f.country.trim().toUpperCase(),
  language: f.language,
  topics: keysOf(f.topics),
  profiles: keysOf(f.profiles),
});

function DocumentFields({ f, set }: { f: Fields; set: (k: keyof Fields, v: string) => void }) {
  const { t } = useI18n();
  const text = (k: keyof Fields, label: string, required = false, hint?: string) => (
    <>
      <label className="usa-label" htmlFor={`coi-f-${k}`}>
        {label}
      </label>
      {hint && (
        <span className="usa-hint" id={`coi-f-${k}-hint`}>
          {hint}
        </span>
      )}
      <input
        className="usa-input"
        id={`coi-f-${k}`}
        name={k}
        required={required}
        value={f[k]}
        aria-describedby={hint ? `coi-f-${k}-hint` : undefined}
        onChange={(e) => set(k, e.target.value)}
      />
    </>
  );
  return (
    <fieldset className="usa-fieldset">
      <legend className="usa-legend usa-legend--large">{t("coi.document.fields")}</legend>
      {text("title", t("coi.field.title"), true)}
      {text("source", t("coi.field.source"), true)}
      {text("author", t("coi.field.author"))}
      <label className="usa-label" htmlFor="coi-f-publishedOn">
        {t("coi.field.publishedOn")}
      </label>
      <PlainInput
        id="coi-f-publishedOn"
        type="date"
        value={f.publishedOn}
        onChange={(e) => set("publishedOn", e.target.value)}
      />
      <label className="usa-label" htmlFor="coi-f-accessedOn">
        {t("coi.field.accessedOn")}
      </label>
      <PlainInput
        id="coi-f-accessedOn"
        type="date"
        value={f.accessedOn}
        onChange={(e) => set("accessedOn", e.target.value)}
      />
      {text("url", t("coi.field.url"))}
      {text("country", t("coi.field.country"), true, t("coi.field.countryHint"))}
      <label className="usa-label" htmlFor="coi-f-language">
        {t("coi.field.language")}
      </label>
      <select
        className="usa-select"
        id="coi-f-language"
        value={f.language}
        onChange={(e) => set("language", e.target.value)}
      >
        <option value="ko">{t("coi.language.ko")}</option>
        <option value="en">{t("coi.language.en")}</option>
      </select>
      {text("profiles", t("coi.field.profiles"), false, t("coi.field.tagsHint"))}
      {text("topics", t("coi.field.topics"), false, t("coi.field.tagsHint"))}
    </fieldset>
  );
}

function PassageFields({
  id,
  text,
  locator,
  onText,
  onLocator,
  n,
}: {
  id: string;
  text: string;
  locator: string;
  onText: (v: string) => void;
  onLocator: (v: string) => void;
  n: number;
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="usa-label" htmlFor={`${id}-text`}>
        {t("coi.passage.text", { n })}
      </label>
      <textarea
        className="usa-textarea"
        id={`${id}-text`}
        value={text}
        maxLength={10000}
        onChange={(e) => onText(e.target.value)}
      />
      <label className="usa-label" htmlFor={`${id}-locator`}>
        {t("coi.passage.locator")}
      </label>
      <span className="usa-hint" id={`${id}-locator-hint`}>
        {t("coi.passage.locatorHint")}
      </span>
      <input
        className="usa-input usa-input--medium"
        id={`${id}-locator`}
        aria-describedby={`${id}-locator-hint`}
        value={locator}
        onChange={(e) => onLocator(e.target.value)}
      />
    </>
  );
}

function NewDocument() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [f, setF] = useState<Fields>(EMPTY);
  const [passages, setPassages] = useState([{ text: "", locator: "" }]);
  const create = useMutation({
    mutationFn: () =>
      coi.createDocument({
        ...body(f),
        passages: passages
          .filter((p) => p.text.trim())
          .map((p) => ({ text: p.text, locator: p.locator.trim() || null })),
      }),
    onSuccess: (d) => navigate(`/coi/documents/${d.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <h1>{t("coi.document.new")}</h1>
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <DocumentFields f={f} set={(k, v) => setF((x) => ({ ...x, [k]: v }))} />
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t("coi.passages")}</legend>
          {passages.map((p, i) => (
            <PassageFields
              key={i}
              id={`coi-new-p${i}`}
              n={i + 1}
              text={p.text}
              locator={p.locator}
              onText={(v) => setPassages((ps) => ps.map((x, j) => (j === i ? { ...x, text: v } : x)))}
              onLocator={(v) => setPassages((ps) => ps.map((x, j) => (j === i ? { ...x, locator: v } : x)))}
            />
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => setPassages((ps) => [...ps, { text: "", locator: "" }])}
          >
            {t("coi.passage.add")}
          </button>
        </fieldset>
        {create.error && <ProblemAlert error={create.error} focus />}
        <button className="usa-button margin-top-3" type="submit" disabled={create.isPending}>
          {t("coi.document.save")}
        </button>
      </form>
    </>
  );
}

function PassageEditor({ docId, p }: { docId: string; p: CoiPassage }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [text, setText] = useState(p.text);
  const [locator, setLocator] = useState(p.locator ?? "");
  const save = useMutation({
    mutationFn: () => coi.editPassage(docId, p.id, { text, locator: locator.trim() || null }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coiKeys.document(docId) }),
  });
  return (
    <form
      className="usa-form usa-form--large coi-hit"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <PassageFields
        id={`coi-p-${p.id}`}
        n={p.position}
        text={text}
        locator={locator}
        onText={setText}
        onLocator={setLocator}
      />
      {save.error && <ProblemAlert error={save.error} />}
      {save.isSuccess && <p role="status">{t("coi.saved")}</p>}
      <button className="usa-button usa-button--outline margin-top-1" type="submit" disabled={save.isPending}>
        {t("coi.passage.save", { n: p.position })}
      </button>
    </form>
  );
}

function EditDocument({ doc }: { doc: CoiDocument }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [f, setF] = useState<Fields>(() => fieldsOf(doc));
  const [added, setAdded] = useState({ text: "", locator: "" });
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: coiKeys.document(doc.id) });
  const save = useMutation({ mutationFn: () => coi.editDocument(doc.id, body(f)), onSuccess: refresh });
  const add = useMutation({
    mutationFn: () => coi.addPassage(doc.id, { text: added.text, locator: added.locator.trim() || null }),
    onSuccess: async () => {
      setAdded({ text: "", locator: "" });
      await refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (chosen: File) => coi.uploadFile(doc.id, chosen),
    onSuccess: refresh,
  });
  return (
    <>
      <p>
        <Link className="usa-link" to={`/coi/documents/${doc.id}`}>
          {t("coi.document.back")}
        </Link>
      </p>
      <h1>{t("coi.document.editHeading", { title: doc.title })}</h1>
      <form
        className="usa-form usa-form--large"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <DocumentFields f={f} set={(k, v) => setF((x) => ({ ...x, [k]: v }))} />
        {save.error && <ProblemAlert error={save.error} focus />}
        {save.isSuccess && <p role="status">{t("coi.saved")}</p>}
        <button className="usa-button margin-top-2" type="submit" disabled={save.isPending}>
          {t("coi.document.save")}
        </button>
      </form>
      <section aria-labelledby="coi-file-heading">
        <h2 id="coi-file-heading">{t("coi.field.file")}</h2>
        <p>{doc.file ? t("coi.file.current", { name: doc.file.name }) : t("coi.file.none")}</p>
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file);
          }}
        >
          <label className="usa-label" htmlFor="coi-file">
            {t("coi.file.choose")}
          </label>
          <input
            className="usa-file-input__input"
            id="coi-file"
            type="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {upload.error && <ProblemAlert error={upload.error} />}
          {upload.isSuccess && <p role="status">{t("coi.file.stored")}</p>}
          <button
            className="usa-button usa-button--outline margin-top-1"
            type="submit"
            disabled={!file || upload.isPending}
          >
            {t("coi.file.upload")}
          </button>
        </form>
      </section>
      <section aria-labelledby="coi-passages-edit">
        <h2 id="coi-passages-edit">{t("coi.passages")}</h2>
        {doc.passages.map((p) => (
          <PassageEditor key={`${p.id}-${p.version}`} docId={doc.id} p={p} />
        ))}
        <form
          className="usa-form usa-form--large"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <PassageFields
            id="coi-add-passage"
            n={doc.passages.length + 1}
            text={added.text}
            locator={added.locator}
            onText={(v) => setAdded((a) => ({ ...a, text: v }))}
            onLocator={(v) => setAdded((a) => ({ ...a, locator: v }))}
          />
          {add.error && <ProblemAlert error={add.error} />}
          <button
            className="usa-button usa-button--outline margin-top-1"
            type="submit"
            disabled={add.isPending}
          >
            {t("coi.passage.add")}
          </button>
        </form>
      </section>
    </>
  );
}

export function CoiDocumentForm() {
  const { docId } = useParams();
  const doc = useQuery({
    queryKey: coiKeys.document(docId ?? ""),
    queryFn: () => coi.document(docId ?? ""),
    enabled: docId !== undefined,
  });
  if (docId === undefined) return <NewDocument />;
  if (doc.error) return <ProblemAlert error={doc.error} />;
  if (!doc.data) return <Loading />;
  return <EditDocument key={doc.data.id} doc={doc.data} />;
}
