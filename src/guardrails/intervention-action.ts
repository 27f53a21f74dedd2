export const INTERVENTION_ACTIONS = ['blocked', 'monitored', 'masked', 'error'] as const;
/** What a guardrail did to a request: the violation log's `action`. */
export type InterventionAction = (typeof INTERVENTION_ACTIONS)[number];
