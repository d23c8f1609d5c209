/**
 * JIT warm-up for the streaming CLI: one run over a short sample with
 * every kind of token and character path, before the real input.
 *
 * Why: V8 compiles the hot loops (decoder, scanner, splitter, output
 * encoder) with the type feedback seen so far. On a long Gujarati text the
 * first emoji, astral letter or URL, megabytes in, reaches a branch that
 * optimized code has never seen; V8 throws that code away and takes tens of
 * chunks to optimize again (measured: ~30 of the 200 chunks of a 13 MB
 * file ran 4x slower). With every branch seen first, that never happens.
 * The sample's output is discarded; nothing is cached from it.
 */
import { ValidUtf8Decoder } from '../text/utf8-decode.js';
import { streamSentences, type Batch, type StreamOptions } from './stream.js';

/** Lines of the sample: words, numbers, abbreviations, web tokens, emoji, astral characters, odd whitespace and quotes. */
const SAMPLE_LINES = [
  'ડૉ. મનમોહન સિંહે કહ્યું: "હા !" મેં કહ્યું . તે ૨૫.૧૭% વધ્યું, 1,00,000 રૂપિયા (₹) 10:30 વાગ્યે 7/4/2021ના.',
  'ઈ.સ.પૂર્વે ૩૫-એ કલમ; ડૉ.મનમોહન યુ.એસ.ના એફ.ટી.એ. એચ.કે બી. સી. ડી. એ. પી. જે. અબ્દુલ કે. ઓ. વગેરે.',
  'U.S.A. e.g. i.e. A. P. J. Abdul, Sergey V. Lavrov etc. The end. x., y; a.b co-op 50% 8GB 2016ના 35-A 123movies.com 9am@x.in',
  'https://example.com/a?b=(1). www.test.in, gujarat.gov.in/x?y ftp://x.y/z a.b@c.org hello-world.com x_y+z@d.co #ગુજરાત @user_1 #_x',
  '😀 👨‍👩‍👧 🇮🇳 🏳️‍🌈 ❤️ ☀ ⌚ 👍🏽 a🏽 🏽 1️⃣ #️⃣ *⃣ 5⃣ ©️ © ™ ↔️ ‼️ ⁉️ ©\u200d😀 x\u200d',
  'ab𝐀cd 𝟙𝟚 𝄞 𐄀 \u{F0000} tag\u{E0020} \u0301x \u200dx ab\u00adcd \u0600١ \u0600 x \u0007 ગુજરાતી\u200cભાષા',
  '... -- …… ?! । ॥ | ( ) [ ] { } “x.” ’ « » ‘y’ \'z\' "q" 〈 〉 ¿ ¡ § ¶ † \\ / * & + = < > ^ ~ `',
  'tab\there\u00a0nbsp\u2028ls\u2029ps\r\ncrlf\u000bvt\u0085nel\u200bzw\u2060wj\ufeffbom end.',
  '😀  𝐀  ©\u200d😀  x\u{E0020}  ગ.',
  '',
  'ફકરો બીજો. "Quoted." (Bracketed.) “Smart” ends?! Yes… no. 42',
];

/** The sample, encoded and decoded in small blocks like a file (characters cut between blocks). */
function sampleChunks(): string[] {
  const bytes = Buffer.from(SAMPLE_LINES.join('\n'));
  const dec = new ValidUtf8Decoder(64);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 61) out.push(dec.decode(bytes.subarray(i, i + 61)));
  return out;
}

/** Runs the streaming pipeline over the sample, handing each batch to `write` (which should discard its output). */
export async function warmUp(write: (b: Batch) => void, opts: StreamOptions = {}): Promise<void> {
  for (const softNewlines of [false, true]) {
    for await (const b of streamSentences(sampleChunks(), { ...opts, softNewlines })) write(b);
  }
}
