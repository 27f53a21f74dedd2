import type { Clock } from './verdict-cache/bounded-lru';

/** Failure lines logged one by one per guardrail and window; past that they are counted and summed up. */
export const FAILURE_LINES_PER_WINDOW = 10;
export const FAILURE_WINDOW_MS = 10_000;

export interface FailureLogSink {
  line(guardrail: string, message: string): void;
  summary(guardrail: string, suppressed: number, lastMessage: string, windowMs: number): void;
}

interface Window {
  openedAt: number;
  logged: number;
  suppressed: number;
  lastMessage: string;
}

/**
 * A vendor outage fails every check of that guardrail: one warning line each would flood the log at the request rate.
 * Like the monitor warnings (violation.reporter.ts), the first lines of a window are written one by one, the rest
 * counted, and the count is written as one line when the next failure after the window arrives (or `flush` is
 * called). Every failure still counts in `warden_guardrail_checks_total{result="error"}` and in the violation log.
 */
export class FailureLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly sink: FailureLogSink,
    private readonly clock: Clock = Date.now,
    private readonly perWindow = FAILURE_LINES_PER_WINDOW,
    private readonly windowMs = FAILURE_WINDOW_MS,
  ) {}

  /** Returns true when the line was written, false when it was only counted. */
  failed(guardrail: string, message: string): boolean {
    const now = this.clock();
    let window = this.windows.get(guardrail);
    if (window !== undefined && now - window.openedAt >= this.windowMs) {
      this.close(guardrail, window);
      window = undefined;
    }
    if (window === undefined) {
      window = { openedAt: now, logged: 0, suppressed: 0, lastMessage: '' };
      this.windows.set(guardrail, window);
    }
    if (window.logged < this.perWindow) {
      window.logged += 1;
      this.sink.line(guardrail, message);
      return true;
    }
    window.suppressed += 1;
    window.lastMessage = message;
    return false;
  }

  /** Writes the pending counts of windows that have ended (called on a timer) or of all of them (`all`). */
  flush(all = false): void {
    const now = this.clock();
    for (const [guardrail, window] of this.windows) {
      if (all || now - window.openedAt >= this.windowMs) {
        this.close(guardrail, window);
      }
    }
  }

  private close(guardrail: string, window: Window): void {
    this.windows.delete(guardrail);
    if (window.suppressed > 0) {
      this.sink.summary(guardrail, window.suppressed, window.lastMessage, this.windowMs);
    }
  }
}
