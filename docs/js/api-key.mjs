// Which API field a control fills. Most controls name it in data-key. A control with
// data-key-from="chooser" instead fills the field its chooser names: the pay level's
// value goes to "salary" or to "percent_of_lo", as the <select data-ui-key="level_kind">
// in the same row says. This is the one place that knows about that renaming.

/** Is the control switched off (inside a hidden section, or disabled)? */
export function inactive(el) {
  return el.disabled || !!el.closest("[hidden]");
}

/** The chooser (data-ui-key) that names the API field of a data-key-from control. */
function chooserOf(el) {
  const from = el.dataset.keyFrom;
  if (!from) return null;
  const scope = el.closest("[data-row]") || el.form || el.closest("form");
  return scope?.querySelector(`[data-ui-key="${CSS.escape(from)}"]`) || null;
}

/** The API field name of a control: its data-key, or the value of its chooser. */
export function apiKey(el) {
  if (el.dataset.keyFrom) return chooserOf(el)?.value ?? null;
  return el.dataset.key ?? null;
}

/** Every API field name the control can stand for: the chooser's options for a
 * data-key-from control (an error about "salary" belongs to the pay level field even
 * while it is set to percent), else its data-key. */
export function apiKeys(el) {
  if (!el.dataset.keyFrom) return el.dataset.key ? [el.dataset.key] : [];
  const chooser = chooserOf(el);
  return chooser?.options ? [...chooser.options].map((o) => o.value) : [];
}
