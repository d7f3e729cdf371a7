import type { Usage } from '../../events.js';
import type { FrameEvents, WireFrame } from '../formats/WireFormat.js';
import { field, objectField } from './wireFields.js';

/** Emits a usage event when the frame carries a `usage` object. */
export function emitUsage(frame: WireFrame, events: FrameEvents): void {
  const usage = objectField(frame, 'usage');
  if (usage === undefined) return;
  const counts: { -readonly [K in keyof Usage]: number } = {};
  for (const key of ['promptTokens', 'completionTokens', 'totalTokens'] as const) {
    const value = usage[key];
    if (typeof value === 'number') counts[key] = value;
  }
  const reasoning = field(objectField(usage, 'completionTokensDetails'), 'reasoningTokens');
  if (typeof reasoning === 'number') counts.reasoningTokens = reasoning;
  events.next({ type: 'usage', usage: counts });
}
