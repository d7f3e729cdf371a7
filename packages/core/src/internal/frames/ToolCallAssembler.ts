import type { ToolCall } from '../../events.js';
import type { FrameEvents } from '../formats/WireFormat.js';

/** One tool-call fragment as a wire format carries it; every field may be missing. */
export interface ToolCallFragment {
  /** The call's position among parallel calls (chat completions' `tool_calls[].index`, Responses' `output_index`). */
  readonly index?: number | undefined;
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  /** A piece of the arguments' JSON text, or all of it when the call comes whole. */
  readonly arguments?: string | undefined;
}

/**
 * A fragment that belongs to no call, or could belong to several: the decoder reports it as a
 * StreamParseError with reason `tool-call` instead of merging it into a call it may not be part of.
 */
export class UnattributableToolCall extends Error {
  override readonly name = 'UnattributableToolCall';
}

interface OpenCall {
  /** Order of appearance: names a call that came without an id. */
  readonly ordinal: number;
  readonly index: number | undefined;
  id: string;
  name: string;
  readonly args: string[];
}

/**
 * Assembles the tool calls of one answer from fragments, whatever shape OCI sends them in:
 * - whole, in one fragment (name and arguments together), several per event for parallel calls;
 * - as deltas: the first fragment names the call, later ones carry argument pieces;
 * - addressed by `index` or by `id`, in any interleaving;
 * - without an `id` (Gemini): the call gets a stable one, `call_<n>` by order of appearance.
 *
 * A fragment with an `index` or an `id` belongs to that call. A fragment with neither joins the
 * latest call, as long as the stream has been sequential; once fragments of two calls have
 * interleaved, or when no call is open, it cannot be attributed and {@link UnattributableToolCall}
 * is thrown. Calls are emitted by {@link flush}, in order of appearance, when the format says
 * they are complete (the finish event, or an item's `done`).
 */
export class ToolCallAssembler {
  private readonly calls: OpenCall[] = [];
  private interleaved = false;
  private ordinal = 0;

  /** Adds one fragment. */
  add(fragment: ToolCallFragment): void {
    const args = fragment.arguments ?? '';
    const named = fragment.name !== undefined && fragment.name !== '';
    let call = this.addressed(fragment);
    if (call === undefined) {
      if (!named && fragment.index === undefined && fragment.id === undefined) {
        if (args === '') return; // OCI's terminal `{"arguments": ""}`: nothing to attribute
        call = this.latest(args);
      } else {
        call = { ordinal: this.ordinal++, index: fragment.index, id: fragment.id ?? '', name: fragment.name ?? '', args: [] };
        this.calls.push(call);
      }
    } else if (call !== this.calls[this.calls.length - 1]) {
      this.interleaved = true;
    }
    if (call.id === '' && fragment.id !== undefined) call.id = fragment.id;
    if (call.name === '' && named) call.name = fragment.name!;
    if (args !== '') call.args.push(args);
  }

  /** Adds a call that the format sends whole and only whole (COHERE), named or not. */
  addWhole(fragment: ToolCallFragment): void {
    this.calls.push({ ordinal: this.ordinal++, index: undefined, id: fragment.id ?? '', name: fragment.name ?? '', args: fragment.arguments ? [fragment.arguments] : [] });
  }

  /** True while a call is being assembled. */
  get pending(): boolean {
    return this.calls.length > 0;
  }

  /** Emits every call assembled so far, in order of appearance, and forgets them. */
  flush(events: FrameEvents): void {
    for (const call of this.calls.splice(0)) events.next({ type: 'tool-call', toolCall: this.finished(call) });
    this.interleaved = false;
  }

  /**
   * Emits one call now (Responses' `output_item.done`): the call open at this index or id, or a
   * new one when it came whole. Arguments sent with the `done` are the whole text and win over
   * the pieces streamed before.
   */
  complete(fragment: ToolCallFragment, events: FrameEvents): void {
    let call = this.addressed(fragment);
    if (call === undefined) {
      this.add(fragment);
      call = this.calls[this.calls.length - 1]!;
    } else {
      if (call.id === '' && fragment.id !== undefined) call.id = fragment.id;
      if (call.name === '' && fragment.name !== undefined) call.name = fragment.name;
      if (fragment.arguments !== undefined && fragment.arguments !== '') call.args.splice(0, call.args.length, fragment.arguments);
    }
    this.calls.splice(this.calls.indexOf(call), 1);
    events.next({ type: 'tool-call', toolCall: this.finished(call) });
  }

  private addressed(fragment: ToolCallFragment): OpenCall | undefined {
    if (fragment.index !== undefined) return this.calls.find((c) => c.index === fragment.index);
    if (fragment.id !== undefined && fragment.id !== '') return this.calls.find((c) => c.id === fragment.id);
    return undefined;
  }

  private latest(args: string): OpenCall {
    const call = this.calls[this.calls.length - 1];
    if (call === undefined || this.interleaved) {
      const shown = args.length > 60 ? `${args.slice(0, 60)}…` : args;
      throw new UnattributableToolCall(call === undefined
        ? `a tool-call argument piece (${shown}) came before any call was named`
        : `a tool-call argument piece (${shown}) carries no id or index, and ${this.calls.length} calls are open`);
    }
    return call;
  }

  private finished(call: OpenCall): ToolCall {
    return { id: call.id === '' ? `call_${call.ordinal}` : call.id, name: call.name, arguments: call.args.join('') };
  }
}
