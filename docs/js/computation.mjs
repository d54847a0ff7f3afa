// Computing a calculator's result in the shared worker, one computation at a time. Edits
// made while one runs are not queued one by one: they are coalesced into one further
// computation, which reads the form as it is when it starts. The calculator's
// data-busy is "true" from the first computation until the last has answered.

export class Computation {
  /** `start()` asks the worker (and reads the form); `answered(data, focusErrors)` and
   * `failed(error)` receive the outcome while the calculator is still on the page. */
  constructor(root, start, { answered, failed }) {
    this.root = root;
    this.start = start;
    this.answered = answered;
    this.failed = failed;
    this.seq = 0;
    this.busy = false;
    this.dirty = false;
    this.pendingFocus = false;
  }

  async request({ focusErrors }) {
    if (this.busy) {
      this.dirty = true;
      this.pendingFocus ||= focusErrors;
      return;
    }
    this.busy = true;
    this.root.dataset.busy = "true";
    const seq = ++this.seq;
    try {
      const data = await this.start();
      if (!this.root.isConnected || seq !== this.seq) return;
      this.answered(data, focusErrors);
    } catch (err) {
      if (this.root.isConnected && seq === this.seq) this.failed(err);
    } finally {
      this.busy = false;
      if (this.dirty && this.root.isConnected) {
        this.dirty = false;
        const focus = this.pendingFocus;
        this.pendingFocus = false;
        this.request({ focusErrors: focus });
      } else {
        this.root.dataset.busy = "false";
      }
    }
  }
}
