const GAUGE = /^warden_violation_queue_depth(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/m;

/**
 * The violation queue depth from the gateway's Prometheus endpoint (`warden_violation_queue_depth` on `/metrics`),
 * or undefined when this build does not expose it (the scenario then relies on the row counts alone).
 */
export async function readQueueDepth(gatewayUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${gatewayUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) {
      return undefined;
    }
    const match = GAUGE.exec(await response.text());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
