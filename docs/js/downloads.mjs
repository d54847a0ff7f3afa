// Files made from a calculator's result, by the worker (calculators.api.respond), then
// handed to the browser as a download. One entry per format: the button that asks for
// it, the worker operation, where the answer carries the file's content, its type, and
// what the live region says when it is done or failed. A binary file (the Excel
// workbook) arrives as base64 text. Another format is one more entry here, its texts in
// messages.mjs, and one more operation in the worker (and calculators.api.respond).
import { TEXT } from "./messages.mjs";

export const FORMATS = {
  csv: {
    button: "data-csv",
    op: "csv",
    content: "csv",
    type: "text/csv;charset=utf-8",
    done: TEXT.csvDone,
    failed: TEXT.csvFailed,
  },
  xlsx: {
    button: "data-xlsx",
    op: "xlsx",
    content: "xlsx",
    base64: true,
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    done: TEXT.xlsxDone,
    failed: TEXT.xlsxFailed,
  },
};

/** The format a clicked button asks for, or null. */
export function formatOf(button) {
  for (const [name, format] of Object.entries(FORMATS)) {
    if (button.hasAttribute(format.button)) return name;
  }
  return null;
}

// The printed record's fields (the union's or department's name, the meeting date): not
// the calculator's inputs, but the workbook writes them into its labelled cells.
const RECORD_KEYS = ["record_name", "record_date"];

/** Ask the worker for the file. Resolves to the worker's answer ({output, filename, …});
 * the caller shows input errors (output.ok false) as for a result. A workbook also gets
 * the record fields of `form` the reader filled in. */
export function request(client, calculator, inputs, format, form = null) {
  const sent = { ...inputs };
  if (format === "xlsx" && form) {
    for (const key of RECORD_KEYS) {
      const value = form.querySelector(`[data-ui-key="${key}"]`)?.value.trim();
      if (value) sent[key] = value;
    }
  }
  return client.call(FORMATS[format].op, calculator, sent);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hand the file in `data` (an answer with output.ok) to the browser. */
export function save(data, format) {
  const f = FORMATS[format];
  const content = f.base64 ? fromBase64(data[f.content]) : data[f.content];
  const blob = new Blob([content], { type: f.type });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = data.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}
