import { request, type Agent } from 'node:http';

export interface StreamOutcome {
  status: number;
  /** Milliseconds from sending the request to the first SSE `data:` bytes; NaN if none came. */
  firstChunkMs: number;
  totalMs: number;
  /** `data:` frames received, `[DONE]` included. */
  frames: number;
  /** Ended with `data: [DONE]`. */
  done: boolean;
  error?: string;
}

export interface StreamRequest {
  url: string;
  body: string;
  headers?: Record<string, string>;
  agent: Agent;
  onFirstChunk?: () => void;
}

/** POSTs a streaming chat request and reads the SSE answer to the end, timing the first chunk. */
export function readStream(spec: StreamRequest): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstChunkMs = Number.NaN;
    let frames = 0;
    let text = '';
    const finish = (status: number, error?: string): void =>
      resolve({
        status,
        firstChunkMs,
        totalMs: performance.now() - started,
        frames,
        done: text.includes('data: [DONE]'),
        ...(error ? { error } : {}),
      });
    const req = request(
      spec.url,
      {
        method: 'POST',
        agent: spec.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(spec.body),
          ...spec.headers,
        },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (piece: string) => {
          if (Number.isNaN(firstChunkMs) && piece.includes('data:')) {
            firstChunkMs = performance.now() - started;
            spec.onFirstChunk?.();
          }
          frames += piece.split('data:').length - 1;
          // Only the tail matters for [DONE]; keep memory flat over long streams.
          text = (text + piece).slice(-64);
        });
        res.on('end', () => finish(res.statusCode ?? 0));
        res.on('error', (error) => finish(res.statusCode ?? 0, error.message));
      },
    );
    req.on('error', (error) => finish(0, error.message));
    req.end(spec.body);
  });
}
