/* global document, fetch, AbortController */
import { readServerSentEvents } from './readServerSentEvents.js';

/**
 * The chat page: sends the conversation to the relay, renders the answer as its tokens
 * arrive, and aborts the request when Stop is pressed (the relay then aborts the OCI request).
 * Only completed answers join the conversation sent with the next message.
 */

const form = document.querySelector('#chat-form');
const promptInput = document.querySelector('#prompt');
const sendButton = document.querySelector('#send');
const stopButton = document.querySelector('#stop');
const conversation = document.querySelector('#conversation');

/** The completed turns, sent as context with each new message. */
const history = [];
/** The running answer's AbortController, or undefined when idle. */
let running;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const prompt = promptInput.value.trim();
  if (prompt === '' || running !== undefined) return;
  promptInput.value = '';
  void ask(prompt);
});

promptInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stopButton.addEventListener('click', () => running?.abort());

/** Sends one message and streams its answer into a new bubble. */
async function ask(prompt) {
  append('turn user', prompt);
  const answer = answerBubble();
  const messages = [...history, { role: 'user', content: prompt }];
  running = new AbortController();
  setBusy(true);
  let text = '';
  let requestId;
  let finish;
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages }),
      signal: running.signal,
    });
    if (!response.ok) {
      answer.fail({ name: `HTTP ${response.status}`, message: await response.text() });
      return;
    }
    for await (const { event, data } of readServerSentEvents(response.body)) {
      if (event === 'start') requestId = data.opcRequestId;
      else if (event === 'text') answer.show((text += data.text));
      else if (event === 'finish') finish = data.reason;
      else if (event === 'usage') answer.status(`${data.usage.completionTokens ?? '?'} tokens`);
      else if (event === 'error') return answer.fail(data, text);
    }
    answer.done(`finished (${finish ?? 'end of stream'})${requestId ? ` · opc-request-id ${requestId}` : ''}`);
    history.push({ role: 'user', content: prompt }, { role: 'assistant', content: text });
  } catch (error) {
    if (error.name === 'AbortError') answer.stopped(text === '' ? 'Stopped before the first token.' : 'Stopped.');
    else answer.fail({ name: error.name, message: `The connection to the chat server failed: ${error.message}` }, text);
  } finally {
    running = undefined;
    setBusy(false);
    promptInput.focus();
  }
}

/** A new answer bubble and what can happen to it. */
function answerBubble() {
  const bubble = append('turn answer', '');
  bubble.dataset.state = 'streaming';
  const textElement = bubble.appendChild(element('div', 'text', ''));
  const statusElement = bubble.appendChild(element('div', 'status', 'waiting for the first token…'));
  const end = (state, status) => {
    bubble.dataset.state = state;
    statusElement.textContent = status;
  };
  return {
    show(text) {
      textElement.textContent = text;
      statusElement.textContent = 'streaming…';
      bubble.scrollIntoView({ block: 'end' });
    },
    status(text) {
      statusElement.textContent = text;
    },
    done: (status) => end('done', status),
    stopped: (status) => end('stopped', status),
    /** Shows an error readably: what failed, its message, and the id to quote to Oracle support. */
    fail(error, partialText = '') {
      end('error', partialText === '' ? '' : 'The answer broke off here.');
      const box = bubble.appendChild(element('div', 'error', ''));
      box.setAttribute('role', 'alert');
      box.appendChild(element('strong', '', `${error.name}${error.status ? ` (${error.status})` : ''}`));
      box.appendChild(element('span', 'message', error.message));
      if (error.opcRequestId) {
        const id = box.appendChild(element('div', 'request-id', 'opc-request-id: '));
        id.appendChild(element('code', '', error.opcRequestId));
      }
      if (error.retryable) box.appendChild(element('div', 'hint', 'This may work if you send it again in a moment.'));
    },
  };
}

function setBusy(busy) {
  sendButton.disabled = busy;
  stopButton.disabled = !busy;
}

function append(className, text) {
  return conversation.appendChild(element('div', className, text));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}
