import type { SpeechEvent } from './SpeechEvent.js';

/**
 * One line of the printed timeline: the time, who acts (the model or the speaker), and what.
 *
 * @example
 * formatSpeechEvent({ type: 'speech-start', index: 0, text: 'Hi there. ', atMs: 561 });
 * // '   0.561s  speaker  ▶ #1 "Hi there."'
 */
export function formatSpeechEvent(event: SpeechEvent): string {
  const time = `${(event.atMs / 1000).toFixed(3)}s`.padStart(9);
  switch (event.type) {
    case 'first-token':
      return `${time}  model    first token`;
    case 'sentence':
      return `${time}  model    sentence #${event.index + 1} ready`;
    case 'speech-start':
      return `${time}  speaker  ▶ #${event.index + 1} ${JSON.stringify(event.text.trim())}`;
    case 'audio':
      return `${time}  speaker  ♪ #${event.index + 1} audio ready${event.file === undefined ? '' : ` ${event.file}`}`;
    case 'speech-end':
      return `${time}  speaker  ■ #${event.index + 1}`;
    case 'finish':
      return `${time}  model    finished (${event.reason})`;
  }
}
