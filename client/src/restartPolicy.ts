/**
 * When the language server's connection closes unexpectedly (it crashed, or was killed):
 * restart it, a few times within a few minutes, and say so each time; after that, leave
 * it stopped and say how to try again — a server that crashes on every start must not
 * loop forever. Pure (no `vscode`), so its decisions are tested under plain node.
 */

export interface RestartDecision {
  restart: boolean;
  /** What the user is told: a warning while restarting, an error when giving up. */
  message: string;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    /** Restarts allowed within `windowMs` before the server is left stopped. */
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connection closed without a shutdown. */
  closed(): RestartDecision {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0]! > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      return {
        restart: false,
        message: `The podpath language server stopped ${this.crashes.length} times in the last ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. See the "podpath" output; run "podpath: Re-index Workspace" or reload the window to try again.`,
      };
    }
    return {
      restart: true,
      message: `The podpath language server stopped unexpectedly; restarting it (${this.crashes.length}/${this.maxRestarts}).`,
    };
  }

  /** A start by the user (reload, re-index after giving up): the count begins again. */
  reset(): void {
    this.crashes.length = 0;
  }
}
