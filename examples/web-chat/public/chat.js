/* global document, fetch, AbortController, location, history, sessionStorage, requestAnimationFrame, URLSearchParams */
import { readServerSentEvents } from './readServerSentEvents.js';
import { renderMarkdown } from './renderMarkdown.js';

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
const turns = [];

/**
 * The relay's token, when it needs one: given once as `#token=…` in the address (the part
 * after '#' never reaches a server), then kept for this tab only and taken out of the address bar.
 */
const token = readToken();
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
  const messages = [...turns, { role: 'user', content: prompt }];
  running = new AbortController();
  setBusy(true);
  let text = '';
  let requestId;
  let finish;
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
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
    turns.push({ role: 'user', content: prompt }, { role: 'assistant', content: text });
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
  keepInView();
  // Tokens can come faster than frames: render the newest text once per frame.
  let pending;
  const render = () => {
    if (pending === undefined) return;
    const follow = nearBottom();
    textElement.innerHTML = renderMarkdown(pending);
    pending = undefined;
    if (follow) keepInView();
  };
  const end = (state, status) => {
    render();
    bubble.dataset.state = state;
    statusElement.textContent = status;
    keepInView();
  };
  return {
    show(text) {
      if (pending === undefined) requestAnimationFrame(render);
      pending = text;
      statusElement.textContent = 'streaming…';
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

/**
 * The conversation scrolls inside its own box above the input form, so the newest text is
 * shown by scrolling that box to its end; it follows the answer only while the reader is at
 * the bottom, so scrolling up to reread is not undone by the next token.
 */
function keepInView() {
  conversation.scrollTop = conversation.scrollHeight;
}

function nearBottom() {
  return conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 48;
}

function readToken() {
  const given = new URLSearchParams(location.hash.slice(1)).get('token');
  if (given !== null) {
    sessionStorage.setItem('web-chat-token', given);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem('web-chat-token') ?? undefined;
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
