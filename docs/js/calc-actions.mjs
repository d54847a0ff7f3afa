// The calculator's row of actions (.calc-actions) beyond computing. «Del lenke»: the link
// goes into the read-only field [data-share-url] (shown if it was hidden) and, when the
// browser allows it, onto the clipboard; refused or unavailable, the link still stands
// in the field, selected. «Start på nytt» exists only with this script, which adds it.
import { TEXT } from "./messages.mjs";

/** Show `url` in the calculator's share field, try to copy it, and `announce` which.
 * No `url` (the inputs are too long for a link the page would accept): say so instead. */
export async function offerLink(root, url, announce) {
  if (!url) {
    withdrawLink(root);
    announce(TEXT.shareTooLong);
    return;
  }
  const out = root.querySelector("[data-share-url]");
  if (out) {
    out.value = url;
    out.closest("[hidden]")?.removeAttribute("hidden");
  }
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  announce(copied ? TEXT.copied : TEXT.shareReady);
  out?.select();
}

/** Empty and hide the share field again (its link no longer matches the form). */
export function withdrawLink(root) {
  const out = root.querySelector("[data-share-url]");
  if (!out) return;
  out.value = "";
  out.closest(".calc-share")?.setAttribute("hidden", "");
}

/** Add «Start på nytt» after «Del lenke». */
export function addResetButton(root) {
  const share = root.querySelector(".calc-actions [data-share]");
  if (!share) return null;
  const btn = document.createElement("button");
  btn.type = "button";
  btn.className = "md-button";
  btn.dataset.reset = "";
  btn.textContent = TEXT.reset;
  share.after(btn);
  return btn;
}
