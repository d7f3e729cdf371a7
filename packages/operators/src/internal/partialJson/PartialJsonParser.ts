import { JsonSnapshot } from './JsonSnapshot.js';

// Hand-written because no well-kept parser keeps chunking from changing the partial values:
// @streamparser/json (the maintained incremental one) reports no partial string when a chunk
// ends inside an escape (`\u00`) and reports an unfinished `tru` as `true`; partial-json and
// best-effort-json-parser re-parse the whole text for every token (quadratic); jsonriver only
// pulls from an async iterable. This one looks at each character once.

/** A place in the text where it stops being JSON. */
export class JsonSyntaxError extends Error {
  /** Where, in UTF-16 code units, the text stops being JSON. */
  readonly offset: number;
  /** True when the text ended before the value did (not a wrong character). */
  readonly incomplete: boolean;

  constructor(message: string, options: { readonly offset: number; readonly incomplete?: boolean }) {
    super(message);
    this.offset = options.offset;
    this.incomplete = options.incomplete ?? false;
  }
}

const LEAD = 0; // whitespace, or a ``` fence, before the value
const PROSE = 13; // text before a ``` fence ("Here it is:"), when the text does not start as JSON
const FENCE_INFO = 1; // the rest of the fence's first line (```json)
const VALUE = 2;
const KEY = 3; // a key's opening quote, or `}` right after `{`
const COLON = 4;
const AFTER = 5; // `,` or the container's closer
const STRING = 6;
const ESCAPE = 7;
const UNICODE = 8;
const NUMBER = 9;
const LITERAL = 10;
const TRAIL = 11; // after the root value: whitespace, or the closing fence
const IGNORED = 12; // after the closing fence

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER_CHARS = /[0-9eE+\-.]/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: Readonly<Record<string, { word: string; value: unknown }>> = {
  t: { word: 'true', value: true },
  f: { word: 'false', value: false },
  n: { word: 'null', value: null },
};

/** True when a JSON value can start with this character (and so the text is not prose). */
function startsValue(c: string): boolean {
  return c === '{' || c === '[' || c === '"' || c === '-' || (c >= '0' && c <= '9') || LITERALS[c] !== undefined;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

/**
 * An incremental JSON parser for one value, optionally inside a Markdown ```json fence, which
 * prose may precede ("Here it is:\n```json"): text that cannot start a JSON value is skipped up
 * to the next three backticks.
 * `push` each piece of text; `snapshot.root` is then the value so far: strings cut where the
 * text stops (never inside an escape or a surrogate pair), numbers and literals only once they
 * are complete, keys only once their value has started.
 */
export class PartialJsonParser {
  readonly snapshot = new JsonSnapshot();
  /** True once the root value is complete. */
  done = false;
  private state = LEAD;
  private offset = 0;
  private fenced = false;
  private ticks = 0;
  private allowClose = false;
  private isKey = false;
  private text = '';
  private placedLength = -1;
  /** The length of `text` when it was last flattened (see {@link placePartialString}). */
  private flatLength = 0;
  private hex = '';
  /** The last UTF-16 code unit of `text`. */
  private lastCode = 0;
  private literal: { word: string; value: unknown } | undefined;
  /** Where the prose before a fence started, or -1. */
  private proseOffset = -1;

  /** Parses a piece of text. @throws {JsonSyntaxError} where the text stops being JSON. */
  push(chunk: string): void {
    let i = 0;
    while (i < chunk.length) {
      const c = chunk[i] as string;
      switch (this.state) {
        case LEAD:
          if (c === '`') {
            if (++this.ticks === 3) {
              this.fenced = true;
              this.state = FENCE_INFO;
            }
          } else if (this.ticks > 0 || !isSpace(c)) {
            if (this.ticks === 0 && startsValue(c)) {
              this.state = VALUE;
              continue;
            }
            // Not JSON, and not a fence (`code` opens with fewer than three backticks): prose.
            this.proseOffset = this.offset + i - this.ticks;
            this.ticks = 0;
            this.state = PROSE;
            continue;
          }
          break;
        case PROSE:
          if (c !== '`') this.ticks = 0;
          else if (++this.ticks === 3) {
            this.fenced = true;
            this.state = FENCE_INFO;
          }
          break;
        case FENCE_INFO:
          if (c === '\n') this.state = VALUE;
          break;
        case VALUE:
          if (isSpace(c)) break;
          if (c === ']' && this.allowClose && !this.snapshot.inObject()) {
            this.closeContainer();
            break;
          }
          this.startValue(c, i);
          break;
        case KEY:
          if (isSpace(c)) break;
          if (c === '}' && this.allowClose) this.closeContainer();
          else if (c === '"') this.startString(true);
          else this.fail('expected a key in double quotes', i);
          break;
        case COLON:
          if (isSpace(c)) break;
          if (c !== ':') this.fail('expected ":" after the key', i);
          this.state = VALUE;
          this.allowClose = false;
          break;
        case AFTER:
          if (isSpace(c)) break;
          if (c === ',') {
            this.allowClose = false;
            if (this.snapshot.inObject()) this.state = KEY;
            else {
              this.snapshot.nextIndex();
              this.state = VALUE;
            }
          } else if (c === (this.snapshot.inObject() ? '}' : ']')) this.closeContainer();
          else this.fail(`expected "," or "${this.snapshot.inObject() ? '}' : ']'}"`, i);
          break;
        case STRING: {
          let j = i;
          while (j < chunk.length) {
            const code = chunk.charCodeAt(j);
            if (code === 0x22 || code === 0x5c) break;
            if (code < 0x20) this.fail('a raw control character inside a string (escape it)', j);
            j++;
          }
          if (j > i) {
            this.text += chunk.slice(i, j);
            this.lastCode = chunk.charCodeAt(j - 1);
          }
          if (j === chunk.length) {
            i = j;
            continue;
          }
          if (chunk[j] === '\\') this.state = ESCAPE;
          else this.endString();
          i = j;
          break;
        }
        case ESCAPE:
          if (c === 'u') {
            this.hex = '';
            this.state = UNICODE;
          } else {
            const decoded = ESCAPES[c];
            if (decoded === undefined) this.fail(`"\\${c}" is not a JSON escape`, i);
            this.text += decoded;
            this.lastCode = decoded.charCodeAt(0);
            this.state = STRING;
          }
          break;
        case UNICODE:
          if (!/[0-9a-fA-F]/.test(c)) this.fail('"\\u" needs four hex digits', i);
          this.hex += c;
          if (this.hex.length === 4) {
            this.lastCode = parseInt(this.hex, 16);
            this.text += String.fromCharCode(this.lastCode);
            this.state = STRING;
          }
          break;
        case NUMBER:
          if (NUMBER_CHARS.test(c)) {
            this.text += c;
            break;
          }
          this.endNumber(i);
          continue;
        case LITERAL: {
          const literal = this.literal as { word: string; value: unknown };
          if (c !== literal.word[this.text.length]) this.fail(`expected "${literal.word}"`, i);
          this.text += c;
          if (this.text.length === literal.word.length) this.endValue(literal.value);
          break;
        }
        case TRAIL:
          if (c === '`' && this.fenced) this.state = IGNORED;
          else if (!isSpace(c)) this.fail('text after the JSON value', i);
          break;
        default: // IGNORED: what a model writes after the closing fence
          i = chunk.length;
          continue;
      }
      i++;
    }
    this.offset += chunk.length;
    if (this.state === STRING || this.state === ESCAPE || this.state === UNICODE) this.placePartialString();
  }

  /** Ends the text: a root number completes here. @throws {JsonSyntaxError} when the value is incomplete. */
  end(): void {
    if (this.state === NUMBER) this.endNumber(0);
    if (this.state === PROSE) {
      throw new JsonSyntaxError('the text is not JSON, and no ```json fence follows the prose it starts with', { offset: this.proseOffset });
    }
    if (!this.done) throw new JsonSyntaxError('the text ended before the JSON value was complete', { offset: this.offset, incomplete: true });
  }

  private startValue(c: string, i: number): void {
    if (c === '{' || c === '[') {
      this.snapshot.open(c === '{' ? {} : []);
      this.state = c === '{' ? KEY : VALUE;
      this.allowClose = true;
    } else if (c === '"') this.startString(false);
    else if (c === '-' || (c >= '0' && c <= '9')) {
      this.text = c;
      this.state = NUMBER;
    } else if (LITERALS[c] !== undefined) {
      this.literal = LITERALS[c];
      this.text = c;
      this.state = LITERAL;
    } else this.fail(`"${c}" cannot start a JSON value`, i);
  }

  private startString(isKey: boolean): void {
    this.isKey = isKey;
    this.text = '';
    this.lastCode = 0;
    this.placedLength = -1;
    this.flatLength = 0;
    this.state = STRING;
  }

  private placePartialString(): void {
    if (this.isKey) return;
    // Half a surrogate pair is not a character yet. The last code is tracked, not read back:
    // reading a character of the growing string would flatten it, once per chunk (quadratic).
    const halfPair = this.lastCode >= 0xd800 && this.lastCode <= 0xdbff;
    const length = this.text.length - (halfPair ? 1 : 0);
    if (length === this.placedLength) return;
    this.placedLength = length;
    if (length >= 1.25 * this.flatLength + 4096) {
      // Each `+=` adds a node to V8's rope (a cons string of about 32 bytes per chunk, where the
      // text itself is a few bytes): a long string became a chain of hundreds of thousands of
      // nodes that every GC marks, and the 4x input paid more than 4x. Reading one character
      // flattens the rope into one string; doing it each time the length doubles copies each
      // character about twice in all. By hand: no engine API flattens on request.
      void this.text.charCodeAt(0);
      this.flatLength = length;
    }
    this.snapshot.place(halfPair ? this.text.slice(0, -1) : this.text);
  }

  private endString(): void {
    if (!this.isKey) {
      // Already in place when the last chunk ended just before the closing quote.
      if (this.placedLength !== this.text.length) this.snapshot.place(this.text);
      this.valueEnded();
      return;
    }
    this.snapshot.setKey(this.text);
    this.state = COLON;
  }

  private endNumber(i: number): void {
    if (!JSON_NUMBER.test(this.text)) this.fail(`"${this.text}" is not a JSON number`, i);
    this.endValue(Number(this.text));
  }

  private endValue(value: unknown): void {
    this.snapshot.place(value);
    this.valueEnded();
  }

  private closeContainer(): void {
    this.snapshot.close();
    this.valueEnded();
  }

  private valueEnded(): void {
    if (this.snapshot.atRoot()) {
      this.done = true;
      this.state = TRAIL;
    } else this.state = AFTER;
  }

  private fail(message: string, i: number): never {
    throw new JsonSyntaxError(message, { offset: this.offset + i });
  }
}
