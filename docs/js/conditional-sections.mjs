// Sections shown only for one choice: an element with data-show-when="key:value" is
// hidden unless the control named key (a data-ui-key chooser or a data-key field; for
// radios, the checked one) holds value. Controls inside a hidden section are inactive:
// they are neither sent to the API nor marked with errors (api-key.mjs inactive).

/** Parse "key:value" (the key may not contain ":"; the value may). */
export function parseShowWhen(text) {
  const at = text.indexOf(":");
  return at < 0 ? { key: text, value: "" } : { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** Show or hide every data-show-when section of the form after its chooser. */
export function syncVisibility(form) {
  for (const section of form.querySelectorAll("[data-show-when]")) {
    const { key, value } = parseShowWhen(section.dataset.showWhen);
    const k = CSS.escape(key);
    const chosen = [...form.querySelectorAll(`[data-ui-key="${k}"], [data-key="${k}"]`)].find((el) => el.type !== "radio" || el.checked);
    section.hidden = !chosen || chosen.value !== value;
  }
}
