/** Median wall time of `run` over `iterations` calls, in milliseconds, after `warmup` untimed calls. */
export function medianLatencyMs(run: () => void, iterations = 500, warmup = 50): number {
  for (let index = 0; index < warmup; index++) {
    run();
  }
  const samples: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const middle = samples.length >> 1;
  return samples.length % 2 === 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

/** Texts cut or repeated to exactly `size` characters, so latency is measured on prompts of one length. */
export function promptsOfSize(texts: readonly string[], size: number, count: number): string[] {
  const prompts: string[] = [];
  for (let index = 0; prompts.length < count && index < texts.length * 4; index++) {
    let prompt = texts[index % texts.length];
    while (prompt.length < size) {
      prompt += `\n\n${texts[(index + prompt.length) % texts.length]}`;
    }
    prompts.push(prompt.slice(0, size));
  }
  return prompts;
}
