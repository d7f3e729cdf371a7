import type { ToolCall } from '../../events.js';
import type { EmitEvent } from '../formats/WireFormat.js';

/**
 * Assembles tool calls from GENERIC-style fragments that carry no per-call index: a fragment
 * with a name starts a new call, fragments with only `arguments` extend the current one.
 * A call is emitted when the next one starts or when the stream finishes.
 */
export class ToolCallAssembler {
  private current: { id: string | undefined; name: string; args: string[] } | undefined;

  /** Adds one fragment. */
  add(fragment: { id: string | undefined; name: string | undefined; arguments: string | undefined }, emit: EmitEvent): void {
    if (fragment.name !== undefined && fragment.name !== '') {
      this.flush(emit);
      this.current = { id: fragment.id, name: fragment.name, args: [] };
    }
    if (fragment.arguments !== undefined && fragment.arguments !== '') {
      // An argument piece before any name has no call to belong to: start an unnamed one rather than drop text.
      this.current ??= { id: fragment.id, name: '', args: [] };
      this.current.args.push(fragment.arguments);
    }
  }

  /** Emits the call being assembled, if any. */
  flush(emit: EmitEvent): void {
    const call = this.current;
    if (call === undefined) return;
    this.current = undefined;
    const toolCall: ToolCall = call.id === undefined
      ? { name: call.name, arguments: call.args.join('') }
      : { id: call.id, name: call.name, arguments: call.args.join('') };
    emit({ type: 'tool-call', toolCall });
  }
}
