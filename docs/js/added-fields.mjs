// Inputs saved or shared before a field existed: each such field says so beside itself
// (a [data-added-note]), and the caller names them all once at the top. A field with
// data-migrate-from holds the old field's value (form-state.mjs) and says that instead.
import { inactive } from "./api-key.mjs";
import { TEXT } from "./messages.mjs";

/** Note each absent (and active) control at its field; returns the fields' labels. */
export function markAddedFields(absent) {
  const labels = new Set();
  for (const el of absent) {
    const field = el.closest(".field");
    const label = field?.querySelector("label")?.textContent.trim();
    if (!field || !label || inactive(el)) continue;
    labels.add(label);
    if (!field.querySelector("[data-added-note]")) {
      const note = document.createElement("p");
      note.className = "field-note";
      note.dataset.addedNote = "";
      note.textContent = el.dataset.migrateFrom ? TEXT.addedFieldMigrated : TEXT.addedField;
      field.append(note);
    }
  }
  return [...labels];
}

export function clearAddedFields(form) {
  for (const note of form.querySelectorAll("[data-added-note]")) note.remove();
}
