/** The languages the emulator answers in. */
export type Language = 'en' | 'ja';

const japaneseCharacters = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;

/**
 * Whether the text holds Japanese (kana or kanji), which makes the emulator answer in Japanese.
 *
 * @example
 * containsJapanese('冗談を言って'); // true
 */
export function containsJapanese(text: string): boolean {
  return japaneseCharacters.test(text);
}
