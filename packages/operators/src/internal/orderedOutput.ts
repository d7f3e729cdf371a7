/** Where `mergePrompts()` sends each prompt's items. */
export interface PromptOutput<T> {
  /** An item of prompt `index`. */
  item(index: number, item: T): void;
  /** The last item of prompt `index`. */
  last(index: number, item: T): void;
}

/** Items go out as they happen. */
export function liveOutput<T>(next: (item: T) => void): PromptOutput<T> {
  return { item: (_index, item) => next(item), last: (_index, item) => next(item) };
}

/**
 * Items go out in prompt order: the lowest unfinished prompt's items live, the others' buffered
 * until every earlier prompt has finished. A buffer holds one prompt's items, so memory grows
 * with how far the other prompts run ahead of the slowest earlier one.
 */
export function orderedOutput<T>(next: (item: T) => void): PromptOutput<T> {
  let live = 0;
  const buffers = new Map<number, T[]>();
  const finished = new Set<number>();

  const item = (index: number, value: T): void => {
    if (index === live) return next(value);
    const buffer = buffers.get(index);
    if (buffer === undefined) buffers.set(index, [value]);
    else buffer.push(value);
  };

  const last = (index: number, value: T): void => {
    item(index, value);
    finished.add(index);
    while (finished.delete(live)) {
      live += 1;
      const buffer = buffers.get(live) ?? [];
      buffers.delete(live);
      for (const buffered of buffer) next(buffered);
    }
  };

  return { item, last };
}
