/** The evidence pages of a case (`/cases/:id/evidence/…`): a new item, the court bundle, an item. */
import { Route, Routes } from "react-router";
import { AddEvidence } from "./AddEvidence.tsx";
import { CourtBundle } from "./CourtBundle.tsx";
import { ItemPage } from "./ItemPage.tsx";
import "./evidence.css";

export function Evidence() {
  return (
    <Routes>
      <Route path="new" element={<AddEvidence />} />
      <Route path="bundle" element={<CourtBundle />} />
      <Route path=":itemId" element={<ItemPage />} />
    </Routes>
  );
}
