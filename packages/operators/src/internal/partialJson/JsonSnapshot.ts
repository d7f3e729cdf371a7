/**
 * The value parsed so far, kept as immutable snapshots that share structure: after a snapshot
 * is published (emitted), the next change copies only the containers on the path from the root
 * to the changed value, once, and later changes before the next publish write into those
 * copies. An emitted value is never mutated afterwards, and subtrees that did not change keep
 * their identity (cheap `===` checks for UI frameworks).
 *
 * The cost of a publish-then-change is the size of the open containers on the path (their
 * keys or elements), not the size of the text so far: {@link copyCost} says it before a publish.
 */
type Container = Record<string, unknown> | unknown[];

interface Frame {
  value: Container;
  /** Where the value being parsed goes: an object's key or an array's index. */
  slot: string | number;
  /** True while the container is part of an emitted snapshot and must be copied before a write. */
  published: boolean;
  /** How many keys an object holds (an array's is its length). */
  keys: number;
}

export class JsonSnapshot {
  private readonly frames: Frame[] = [];
  /** The root value; `undefined` until the first value starts. */
  root: unknown = undefined;
  /** True when the root changed since the last {@link publish}. */
  changed = false;

  /** True when the innermost open container is an object. */
  inObject(): boolean {
    const top = this.frames[this.frames.length - 1];
    return top !== undefined && !Array.isArray(top.value);
  }

  /** True when no container is open (the value being parsed is the root). */
  atRoot(): boolean {
    return this.frames.length === 0;
  }

  /** Names the slot of the next value in the innermost container: an object's key, or the next array index. */
  setKey(key: string): void {
    const top = this.frames[this.frames.length - 1] as Frame;
    top.slot = key;
    top.keys += 1; // a repeated key counts twice: an over-estimate, never an under-estimate
  }

  /** Makes the next array element's slot the one after the current one. */
  nextIndex(): void {
    const top = this.frames[this.frames.length - 1] as Frame;
    top.slot = (top.value as unknown[]).length;
  }

  /** Puts (or replaces) the value being parsed at the current slot. */
  place(value: unknown): void {
    this.changed = true;
    const frames = this.frames;
    if (frames.length === 0) {
      this.root = value;
      return;
    }
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i] as Frame;
      if (!frame.published) continue;
      frame.value = Array.isArray(frame.value) ? frame.value.slice() : { ...frame.value };
      frame.published = false;
      if (i === 0) this.root = frame.value;
      else write(frames[i - 1] as Frame, frame.value);
    }
    write(frames[frames.length - 1] as Frame, value);
  }

  /** Starts a container at the current slot; values go into it until {@link close}. */
  open(container: Container): void {
    this.place(container);
    this.frames.push({ value: container, slot: 0, published: false, keys: 0 });
  }

  /** Ends the innermost container. */
  close(): void {
    this.frames.pop();
  }

  /**
   * What publishing now costs the next change: the entries (keys or elements) of the open
   * containers, which it copies. Proportional to the depth, not to the entries.
   */
  copyCost(): number {
    let entries = 0;
    for (const frame of this.frames) entries += Array.isArray(frame.value) ? frame.value.length : frame.keys;
    return entries;
  }

  /** Marks the current root as emitted: later changes copy before writing. */
  publish(): void {
    for (const frame of this.frames) frame.published = true;
    this.changed = false;
  }
}

function write(frame: Frame, value: unknown): void {
  const { value: container, slot } = frame;
  if (Array.isArray(container)) container[slot as number] = value;
  // JSON.parse makes "__proto__" an own property; an assignment would set the prototype instead.
  else if (slot === '__proto__') Object.defineProperty(container, slot, { value, writable: true, enumerable: true, configurable: true });
  else container[slot] = value;
}
