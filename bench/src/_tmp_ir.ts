import { from } from 'rxjs';
import { bufferSentences } from '@oci-genai-rx/operators';
import { englishTokens, japaneseTokens } from './syntheticTokens.js';
const n = Number(process.argv[2]); const lang = process.argv[3]; const mode = process.argv[4];
const words = lang === 'en' ? englishTokens(20000) : japaneseTokens(20000);
const run = (k: number) => { for (let r = 0; r < k; r++) { let c = 0; (mode === 'op' ? from(words).pipe(bufferSentences()) : from(words)).subscribe(() => c++); } };
run(3); run(n);
