/** The country-of-origin information library's pages: /coi, /coi/documents/new, /coi/documents/:docId(/edit). */
import { Route, Routes } from "react-router";
import { CoiDocumentForm } from "./DocumentForm.tsx";
import { CoiDocumentPage } from "./DocumentPage.tsx";
import { CoiSearch } from "./Search.tsx";

export function Coi() {
  return (
    <Routes>
      <Route index element={<CoiSearch />} />
      <Route path="documents/new" element={<CoiDocumentForm />} />
      <Route path="documents/:docId" element={<CoiDocumentPage />} />
      <Route path="documents/:docId/edit" element={<CoiDocumentForm />} />
    </Routes>
  );
}
