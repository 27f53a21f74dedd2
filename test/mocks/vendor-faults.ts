import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockServer, sleep, type RecordedRequest } from './mock-server';

/** The faults every vendor mock can play, so the same failure can be tested against each vendor. */
export interface VendorFaultSwitches<Status extends number = number> {
  /** Milliseconds to wait before answering. */
  delayMs: number;
  /** Never answer; the request stays open until the client aborts or the mock closes. */
  hang: boolean;
  /** Destroy the socket without an answer. */
  dropConnection: boolean;
  /** Answer this status with the vendor's own error for it. */
  status?: Status;
  /** Answer 200 with an HTML body. */
  nonJson: boolean;
  /** Answer 200 JSON the vendor would never send. */
  wrongShape: boolean;
  /** Answer 200 with exactly this body (after the auth and request checks), e.g. a fixture's response. */
  reply?: unknown;
}

export const NO_FAULTS = {
  delayMs: 0,
  hang: false,
  dropConnection: false,
  nonJson: false,
  wrongShape: false,
} as const satisfies VendorFaultSwitches;

/** How one vendor answers the faults whose body is its own. */
export interface VendorFaultAnswers<Status extends number> {
  status(status: Status): void;
  wrongShape(): void;
}

/**
 * Plays the fault that is switched on, checked in this order: delay, hang, dropped connection, status, non-JSON,
 * wrong shape. Resolves true when a fault took the request, false when the mock should answer it normally.
 */
export async function playFault<Status extends number>(
  switches: VendorFaultSwitches<Status>,
  res: ServerResponse,
  req: IncomingMessage,
  answers: VendorFaultAnswers<Status>,
): Promise<boolean> {
  if (switches.delayMs > 0) {
    await sleep(switches.delayMs);
  }
  if (switches.hang) {
    await waitForClose(res);
    return true;
  }
  if (switches.dropConnection) {
    req.socket.destroy();
    return true;
  }
  if (switches.status !== undefined) {
    answers.status(switches.status);
    return true;
  }
  if (switches.nonJson) {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    return true;
  }
  if (switches.wrongShape) {
    answers.wrongShape();
    return true;
  }
  return false;
}

export type SwitchedHandler<Switches> = (
  request: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
  switches: Switches,
) => void | Promise<void>;

/** A vendor mock whose switches tests change between requests and `reset()` restores. */
export class SwitchedMockServer<Switches extends VendorFaultSwitches> extends MockServer {
  readonly switches: Switches;

  constructor(
    private readonly defaults: Switches,
    initial: Partial<Switches>,
    handler: SwitchedHandler<Switches>,
  ) {
    const switches: Switches = { ...defaults, ...initial };
    super((request, res, req) => handler(request, res, req, switches));
    this.switches = switches;
  }

  /** Changes switches for the following requests. */
  set(changes: Partial<Switches>): this {
    Object.assign(this.switches, changes);
    return this;
  }

  /** Forgets recorded requests and restores the default switches. */
  override reset(): void {
    super.reset();
    for (const key of Object.keys(this.switches) as Array<keyof Switches>) {
      delete this.switches[key];
    }
    Object.assign(this.switches, this.defaults);
  }
}

function waitForClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve();
    } else {
      res.on('close', () => resolve());
    }
  });
}
