import type { Turn } from './planAnswer.js';

/**
 * How many tool results follow the last user message: the step a tool loop is at.
 *
 * @example
 * toolResultsSinceUser([{ role: 'USER', text: 'Hi' }, { role: 'ASSISTANT', text: '' }, { role: 'TOOL', text: '4' }]); // 1
 */
export function toolResultsSinceUser(conversation: readonly Turn[]): number {
  let count = 0;
  for (let i = conversation.length - 1; i >= 0 && conversation[i]?.role !== 'USER'; i--) if (conversation[i]?.role === 'TOOL') count++;
  return count;
}
