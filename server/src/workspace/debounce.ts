/** A trailing debounce with a ceiling: quiet for `ms`, or at the latest `maxWait` after the first call. */
export class Debouncer {
  private timer: NodeJS.Timeout | undefined;
  private first = 0;

  constructor(
    private readonly fn: () => void,
    private readonly ms: number,
    private readonly maxWait = ms * 5,
  ) {}

  schedule(): void {
    const now = Date.now();
    if (!this.timer) this.first = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.ms, this.first + this.maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fn();
    }, wait);
  }

  /** Drop a pending call (the caller ran the work itself). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The longest a re-check runs before requests and events waiting get their turn. */
export const checkSliceMs = 50;
