import type { Random } from './random.js';

const openers = ['そして、', 'しかし、', 'たとえば、', 'その結果、', '今日は', 'ところで、'];
const subjects = ['私たちは', '東京の人々は', '新しい技術は', '生成AIは', 'この仕組みは', '多くの開発者が', '小さなチームでも'];
const objects = ['データを', '文章を', '答えを', '未来を', 'アイデアを', 'ストリームを', '「速さ」を', '「信頼」を', '「使いやすさ」を'];
const adverbs = ['とても', '少しずつ', 'すばやく', 'ていねいに', '自然に', '静かに'];
// [form that continues a clause, form that ends a sentence]
const verbs: ReadonlyArray<readonly [string, string]> = [
  ['作って', '作ります'],
  ['届けて', '届けます'],
  ['考えて', '考えています'],
  ['学んで', '学んでいます'],
  ['変えて', '変えていきます'],
  ['大切にして', '大切にしています'],
];

/**
 * One Japanese sentence of exactly `length` tokens (at least 1), each token 1 to 3
 * characters, with 、 inside, 「」 around some words and 。 as the last token: the
 * multi-byte text that breaks decoders which split UTF-8 per network read.
 *
 * @example
 * japaneseSentence(seededRandom('x'), 4); // ['私た', 'ちは', '作りま', '。'] (the cut falls anywhere)
 */
export function japaneseSentence(random: Random, length: number): string[] {
  if (length <= 1) return ['はい。'];
  const tokenCount = length - 1;
  const target = random.int(tokenCount, tokenCount * 3);
  let content = random.next() < 0.3 ? random.pick(openers) : '';
  while ([...content].length < target) {
    const [continuing, ending] = random.pick(verbs);
    const clause = `${random.pick(subjects)}${random.pick(objects)}${random.pick(adverbs)}`;
    content += clause + ([...content].length + clause.length + 4 < target ? `${continuing}、` : ending);
  }
  const characters = [...content].slice(0, tokenCount * 3);
  // A cut inside 「…」 would leave a quote that never closes, which no model writes.
  const open = characters.lastIndexOf('「');
  if (open > characters.lastIndexOf('」')) characters[open] = 'の';
  return [...splitIntoTokens(random, characters, tokenCount), '。'];
}

/** Cuts `characters` into exactly `count` pieces of 1 to 3 characters each. */
function splitIntoTokens(random: Random, characters: readonly string[], count: number): string[] {
  const sizes = new Array<number>(count).fill(1);
  let extra = characters.length - count;
  while (extra > 0) {
    const index = random.int(0, count - 1);
    if ((sizes[index] ?? 3) < 3) {
      sizes[index] = (sizes[index] ?? 1) + 1;
      extra -= 1;
    }
  }
  const tokens: string[] = [];
  let offset = 0;
  for (const size of sizes) {
    tokens.push(characters.slice(offset, offset + size).join(''));
    offset += size;
  }
  return tokens;
}
