import type { ViolationFilters } from '../../api/types';
import { ENDPOINTS, VIOLATION_ACTIONS } from '../../api/vocabulary';
import { h } from '../../dom';
import { isoFromLocalInput, localInputValue } from './violation-query';

/**
 * The filter bar: guardrail (from the known names), action, model, endpoint, key alias, team, and a from/to range in
 * local time.
 * `onApply` gets the new filters; Reset applies none.
 */
export function violationFilters(
  current: ViolationFilters,
  guardrailNames: readonly string[],
  onApply: (filters: ViolationFilters) => void,
): HTMLElement {
  const names = [...new Set([...guardrailNames, ...(current.guardrail ? [current.guardrail] : [])])].sort();
  const guardrail = h(
    'select',
    { id: 'filter-guardrail', name: 'guardrail' },
    h('option', { value: '' }, 'any'),
    names.map((name) => h('option', { value: name, selected: name === current.guardrail }, name)),
  );
  const action = h(
    'select',
    { id: 'filter-action', name: 'action' },
    h('option', { value: '' }, 'any'),
    VIOLATION_ACTIONS.map((item) => h('option', { value: item, selected: item === current.action }, item)),
  );
  const model = h('input', {
    id: 'filter-model',
    name: 'model',
    type: 'text',
    value: current.model ?? '',
    placeholder: 'any',
  });
  const endpoint = h(
    'select',
    { id: 'filter-endpoint', name: 'endpoint' },
    h('option', { value: '' }, 'any'),
    ENDPOINTS.map((item) => h('option', { value: item, selected: item === current.endpoint }, item)),
  );
  const keyAlias = h('input', {
    id: 'filter-key',
    name: 'key_alias',
    type: 'text',
    value: current.key_alias ?? '',
    placeholder: 'any',
  });
  const team = h('input', {
    id: 'filter-team',
    name: 'team',
    type: 'text',
    value: current.team ?? '',
    placeholder: 'any',
  });
  const from = h('input', {
    id: 'filter-from',
    name: 'from',
    type: 'datetime-local',
    value: localInputValue(current.from),
  });
  const to = h('input', { id: 'filter-to', name: 'to', type: 'datetime-local', value: localInputValue(current.to) });
  const field = (id: string, label: string, control: HTMLElement): HTMLElement =>
    h('div', { class: 'filter' }, h('label', { for: id }, label), control);
  return h(
    'form',
    {
      class: 'filters card',
      role: 'search',
      'aria-label': 'Filter violations',
      onsubmit: (event: Event) => {
        event.preventDefault();
        onApply({
          guardrail: guardrail.value || undefined,
          action: (VIOLATION_ACTIONS as readonly string[]).includes(action.value)
            ? (action.value as ViolationFilters['action'])
            : undefined,
          model: model.value.trim() || undefined,
          endpoint: (ENDPOINTS as readonly string[]).includes(endpoint.value)
            ? (endpoint.value as ViolationFilters['endpoint'])
            : undefined,
          key_alias: keyAlias.value.trim() || undefined,
          team: team.value.trim() || undefined,
          from: isoFromLocalInput(from.value),
          to: isoFromLocalInput(to.value),
        });
      },
    },
    field('filter-guardrail', 'Guardrail', guardrail),
    field('filter-action', 'Action', action),
    field('filter-model', 'Model', model),
    field('filter-endpoint', 'Endpoint', endpoint),
    field('filter-key', 'Key alias', keyAlias),
    field('filter-team', 'Team', team),
    field('filter-from', 'From (local time)', from),
    field('filter-to', 'To (local time)', to),
    h(
      'div',
      { class: 'filter filter-buttons' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('button', { type: 'button', onclick: () => onApply({}) }, 'Reset'),
    ),
  );
}
