import { from } from 'rxjs';
import { bufferSentences } from '@oci-genai-rx/operators';
import { englishTokens, japaneseTokens } from './syntheticTokens.js';
import { cpuOf } from './cpuOf.js';
const n = 100000;
for (const [name, words] of [['en', englishTokens(n)], ['ja', japaneseTokens(n)]] as const) {
  for (let r = 0; r < 5; r++) { cpuOf(from(words)); cpuOf(from(words).pipe(bufferSentences())); }
  const b: number[] = [], o: number[] = [];
  for (let r = 0; r < 7; r++) { b.push(cpuOf(from(words)).us); o.push(cpuOf(from(words).pipe(bufferSentences())).us); }
  b.sort((x, y) => x - y); o.sort((x, y) => x - y);
  console.log(name, 'base ns/tok', (b[3]! * 1000 / n).toFixed(0), 'op ns/tok', (o[3]! * 1000 / n).toFixed(0), 'added', ((o[3]! - b[3]!) * 1000 / n).toFixed(0));
}
