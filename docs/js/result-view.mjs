// What the reader sees and hears of a calculator besides the form: the result
// ([data-result], markup rendered by calculators.machinery.view), whether it still matches the
// form (the stale marking), the start-up status line ([data-status]), notices about
// saved or shared inputs ([data-notice]) and the polite live region ([data-live]).
import { TEXT } from "./messages.mjs";

const STALE = "calc-result--stale";
let firstResultMarked = false;

/** Whether two nodes hold the same children, attributes and text (isEqualNode, child by
 * child); whitespace between elements counts too. */
function sameNodes(a, b) {
  const x = a.childNodes, y = b.childNodes;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!x[i].isEqualNode(y[i])) return false;
  return true;
}

export class ResultView {
  constructor(root) {
    this.root = root;
    this.result = root.querySelector("[data-result]");
    this.status = root.querySelector("[data-status]");
    this.notice = root.querySelector("[data-notice]");
    this.live = root.querySelector("[data-live]");
    this.note = "";
  }

  /** A new result: its markup (every value escaped by calculators.machinery.view) and its summary. */
  show(html, summary) {
    // A result equal to the one on screen (above all the build-time result, which the first
    // live computation answers again) stays in place: replacing it would rebuild, restyle
    // and lay out the whole result, and the page around it, to show the same thing.
    const next = document.createElement("template");
    next.innerHTML = html;
    if (!sameNodes(this.result, next.content)) this.result.replaceChildren(next.content);
    this.clearStale();
    // The link to the result shows the summary; the live region (read by screen readers,
    // visually hidden) also carries what an action did, which must not replace it.
    const shown = this.root.querySelector("[data-summary]");
    if (shown) {
      if (shown.textContent !== summary) shown.textContent = summary;
      delete shown.dataset.current;
    }
    this.announce(summary, true);
    if (!firstResultMarked) {
      firstResultMarked = true;
      performance.mark("calc:first-result");
    }
    performance.mark("calc:result");
    this.root.dispatchEvent(new CustomEvent("calc:result", { bubbles: true }));
  }

  /** The result shown no longer matches the form; `text` says why, above it. */
  markStale(text) {
    this.result.classList.add(STALE);
    this.result.setAttribute("data-stale-text", text);
    // The one-line summary above the form says so too, instead of the old result's line.
    const shown = this.root.querySelector("[data-summary]");
    if (shown) {
      shown.dataset.current ??= shown.textContent;
      shown.textContent = text;
    }
  }

  clearStale() {
    // Even an absent class's removal rewrites the attribute (and restyles the result).
    if (this.result.classList.contains(STALE)) this.result.classList.remove(STALE);
    const shown = this.root.querySelector("[data-summary]");
    if (shown?.dataset.current !== undefined) {
      shown.textContent = shown.dataset.current;
      delete shown.dataset.current;
    }
  }

  /** Write to the polite live region. A result (`withNote`) carries the note of the action
   * that caused it (row added / removed), which would otherwise be replaced within
   * milliseconds, before a screen reader has read it. */
  announce(text, withNote = false) {
    const note = withNote ? this.note : "";
    if (withNote) this.note = "";
    if (this.live) this.live.textContent = [note, text].filter(Boolean).join(" ");
  }

  /** Announce what an action did, with the result it causes (see announce); at once
   * when no result will follow soon (`resultDue` false). */
  noteAction(text, resultDue) {
    this.note = text;
    if (!resultDue) this.announce(text);
  }

  showNotice(text) {
    if (!this.notice) return;
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  hideNotice() {
    if (!this.notice) return;
    this.notice.textContent = "";
    this.notice.hidden = true;
  }

  /** The worker client's state: loading, ready or failed (with the reason). */
  showState(state, reason) {
    if (!this.status) return;
    this.root.dataset.state = state;
    if (state === "failed") {
      this.status.textContent = TEXT.failed(reason);
      this.status.hidden = false;
      this.status.classList.add("calc-status--failed");
    } else if (state === "ready") {
      this.status.hidden = true;
      this.status.textContent = "";
      this.status.classList.remove("calc-status--failed");
    } else {
      this.status.textContent = TEXT.loading;
      this.status.hidden = false;
    }
  }
}
