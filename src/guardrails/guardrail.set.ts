import type { Guardrail } from './guardrail.types';

export interface LiveGuardrail {
  guardrail: Guardrail;
  enabled: boolean;
}

/** An immutable snapshot of the configured guardrails, in definition order. Swapped whole, never mutated. */
export class GuardrailSet {
  readonly byName: ReadonlyMap<string, LiveGuardrail>;

  constructor(readonly list: readonly LiveGuardrail[]) {
    this.byName = new Map(list.map((live) => [live.guardrail.definition.name, live]));
    Object.freeze(this);
  }

  static readonly EMPTY = new GuardrailSet([]);
}
