import type { VirtualKey } from '../../api/types';
import { h } from '../../dom';
import { badge, formatTime } from '../common';

/** The key's guardrails, each marked when it does not run (disabled globally or deleted). */
export function keyGuardrails(key: VirtualKey): HTMLElement | string {
  if (key.guardrail_status.length === 0) {
    return 'default_on only';
  }
  return h(
    'ul',
    { class: 'plain-list' },
    key.guardrail_status.map(({ name, status }) =>
      h('li', {}, name, status === 'active' ? null : [' ', badge(`${status}: does not run`, 'error')]),
    ),
  );
}

export function keyExpiry(key: VirtualKey): HTMLElement | string {
  if (key.expires_at === null) {
    return 'never';
  }
  const when = h('time', { datetime: key.expires_at, title: key.expires_at }, formatTime(key.expires_at));
  return key.expired ? h('span', {}, when, ' ', badge('expired', 'error')) : when;
}
