import type { ChatEvent } from '../../events.js';

/** Receives the events decoded from one frame, in order. */
export type EmitEvent = (event: ChatEvent) => void;

/**
 * Turns the parsed JSON frames of one stream into events. Stateful (tool calls span frames):
 * one decoder per stream.
 */
export interface FrameDecoder {
  /** Decodes one frame (an object parsed from one `data:` line). */
  decode(frame: WireFrame, emit: EmitEvent): void;
}

/** A parsed SSE data frame; every field is optional and checked before use. */
export type WireFrame = Readonly<Record<string, unknown>>;

/** The frame's object field, or undefined. */
export function objectField(frame: WireFrame | undefined, key: string): WireFrame | undefined {
  const value = frame?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as WireFrame) : undefined;
}

/** The frame's array field, or an empty array. */
export function arrayField(frame: WireFrame | undefined, key: string): readonly WireFrame[] {
  const value = frame?.[key];
  return Array.isArray(value) ? (value as WireFrame[]) : [];
}

/** The frame's string field, or undefined. */
export function stringField(frame: WireFrame | undefined, key: string): string | undefined {
  const value = frame?.[key];
  return typeof value === 'string' ? value : undefined;
}
