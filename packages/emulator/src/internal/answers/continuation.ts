import type { Answer, AnswerRequest, Turn } from './planAnswer.js';

/** A user turn that asks to go on (COHERE must end on a user turn, so clients ask in words). */
const ASKS_TO_CONTINUE = /^\s*continue\b/i;
const ASSISTANT_ROLES: ReadonlySet<string> = new Set(['ASSISTANT', 'CHATBOT']);

/** A conversation that asks for the rest of an answer: the request without the partial answer, and that answer so far. */
export interface Continuation {
  readonly original: AnswerRequest;
  readonly partialText: string;
  /** The turns sent after the original conversation (the partial answer, the request to go on). */
  readonly extraTurns: readonly Turn[];
}

/**
 * Reads a conversation that ends in an assistant turn (GENERIC, COHEREV2, OpenAI), or in an
 * assistant turn and then a user turn that starts with "Continue" (COHERE): the client wants
 * the rest of the answer that turn began. `undefined` for any other conversation.
 */
export function readContinuation(request: AnswerRequest): Continuation | undefined {
  const turns = request.conversation;
  const last = turns.at(-1);
  let cut = turns.length - 1;
  if (last !== undefined && last.role.toUpperCase() === 'USER' && ASKS_TO_CONTINUE.test(last.text)) cut -= 1;
  const partial = turns[cut];
  if (partial === undefined || !ASSISTANT_ROLES.has(partial.role.toUpperCase()) || partial.text === '' || cut === 0) return undefined;
  return { original: { ...request, conversation: turns.slice(0, cut) }, partialText: partial.text, extraTurns: turns.slice(cut) };
}

/**
 * The rest of `whole` after `partialText`, when the partial text is a prefix of it: so a
 * resumed answer joins to exactly the uninterrupted one. The cut may fall inside a token; that
 * token's remainder is sent as the first token. Reasoning is not sent again. The prompt tokens
 * count the whole conversation sent, partial answer included (what a resume costs).
 * `undefined` when the partial text is not the start of the planned answer.
 */
export function continueFrom(whole: Answer, continuation: Continuation): Answer | undefined {
  const prefix = continuation.partialText;
  if (!whole.text().startsWith(prefix)) return undefined;
  const rest = (): string[] => {
    const out: string[] = [];
    let seen = 0;
    for (const token of whole.tokens()) {
      const end = seen + token.length;
      if (end > prefix.length) out.push(seen >= prefix.length ? token : token.slice(prefix.length - seen));
      seen = end;
    }
    return out;
  };
  const tokenCount = rest().length;
  const extraPromptTokens = continuation.extraTurns.reduce((sum, turn) => sum + 4 + Math.ceil(Buffer.byteLength(turn.text) / 4), 0);
  return {
    ...whole,
    tokenCount,
    reasoningCount: 0,
    promptTokens: whole.promptTokens + extraPromptTokens,
    completionTokens: tokenCount,
    tokens: rest,
    reasoningTokens: () => [],
    text: () => rest().join(''),
    reasoningText: () => '',
  };
}
