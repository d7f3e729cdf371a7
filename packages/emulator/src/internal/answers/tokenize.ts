/**
 * One token as tokenizers cut text: a word or number with the whitespace before it, up to two
 * kana or kanji, or one other character (punctuation, a backtick) with its whitespace; any
 * trailing whitespace is a token of its own. Hand-written: the emulator needs only a plausible
 * cut, not a model's vocabulary.
 */
const token = /\s*[\p{Script=Latin}\p{N}'’_]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,2}|\s*[^\s]|\s+/gu;

/**
 * Cuts a reply into the tokens the emulator streams, like a model's tokenizer would: joined,
 * they are exactly the text.
 *
 * @example
 * tokenize('Hi there, world.'); // ['Hi', ' there', ',', ' world', '.']
 * tokenize('日本には四季があります。'); // ['日本', 'には', '四季', 'があ', 'りま', 'す', '。']
 */
export function tokenize(text: string): string[] {
  return text.match(token) ?? [];
}
