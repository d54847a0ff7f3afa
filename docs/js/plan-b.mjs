// A second plan («Oppsett B») beside the one the form holds, for calculators whose
// template offers one ([data-compare-offer] and <template data-plan-b-template>). The
// plan's fields wait in the template until the reader asks: «Sammenlign med et annet
// oppsett» puts them into the form after plan A's fields, filled with a copy of plan A,
// and «Fjern oppsett B» takes them out. Their keys are plan A's under `plan_b.`, so saved
// inputs, share links and the API inputs carry plan B like any other field; the hidden
// control data-ui-key="plan_b" (value "on") inside the plan says, in a snapshot, that
// the plan was open.
import { restore, snapshot } from "./form-state.mjs";

export const PLAN_B = "plan_b";

export class PlanB {
  /** `rows`: {add(box), drop(box)}, to enhance a rows group of the plan and forget it. */
  constructor(form, rows) {
    this.form = form;
    this.rows = rows;
    this.template = form.querySelector("template[data-plan-b-template]");
    this.offer = form.querySelector("[data-compare-offer]");
    if (this.template && this.offer) this.offer.hidden = false; // the action needs this script
  }

  get available() {
    return !!this.template;
  }

  section() {
    return this.form.querySelector("[data-plan-b]");
  }

  get isOpen() {
    return !!this.section();
  }

  /** Put the plan's fields into the form (as the build wrote them); returns the section. */
  open() {
    if (!this.template || this.isOpen) return this.section();
    const section = this.template.content.firstElementChild.cloneNode(true);
    this.template.after(section);
    for (const box of section.querySelectorAll("[data-rows]")) this.rows.add(box);
    if (this.offer) this.offer.hidden = true;
    this.titleA(true);
    return section;
  }

  /** Take the plan's fields out of the form. */
  close() {
    const section = this.section();
    if (!section) return;
    for (const box of section.querySelectorAll("[data-rows]")) this.rows.drop(box);
    section.remove();
    if (this.offer) this.offer.hidden = false;
    this.titleA(false);
  }

  /** Plan A's name over its fields: shown while there are two plans. */
  titleA(shown) {
    const title = this.form.querySelector("[data-plan-a-title]");
    if (title) title.hidden = !shown;
  }

  /** Open or close the plan as a snapshot about to be restored says (saved inputs, a
   * share link, the example inputs of «Start på nytt»). */
  prepare(snap) {
    if (snap?.fields?.[PLAN_B] === "on") this.open();
    else this.close();
  }

  /** Open the plan filled with a copy of what plan A holds; returns its first field. */
  copyFromA(ensureRows) {
    const section = this.open();
    if (!section) return null;
    const a = snapshot(this.form);
    const prefix = `${PLAN_B}.`;
    const fields = {};
    for (const [key, value] of Object.entries(a.fields)) {
      if (!key.startsWith(prefix) && key !== PLAN_B) fields[prefix + key] = value;
    }
    const rows = {};
    for (const [key, list] of Object.entries(a.rows)) {
      if (!key.startsWith(prefix)) rows[prefix + key] = list;
    }
    restore(this.form, { fields, rows }, ensureRows);
    // The price fields sit in a folded «Endre prisene»: open it where plan A has one open.
    const openA = [...this.form.querySelectorAll("details")].filter((d) => !section.contains(d)).map((d) => d.open);
    [...section.querySelectorAll("details")].forEach((d, i) => { d.open = !!openA[i]; });
    return section.querySelector("input:not([type=hidden]), select, textarea");
  }
}
