/**
 * MathML Core (what Chromium implements) ignores `mathvariant` other than `normal`, so `\mathbb{R}`
 * would show a plain R. The styled letters become their own Unicode characters (ℝ, 𝓛, 𝐱), as MathML
 * Core asks, which every engine and math font shows alike.
 */

/** First code point of each style's capital A, small a, digit 0, capital Alpha and small alpha (0: none). */
const VARIANTS: Record<string, [number, number, number, number, number]> = {
	bold: [0x1d400, 0x1d41a, 0x1d7ce, 0x1d6a8, 0x1d6c2],
	italic: [0x1d434, 0x1d44e, 0, 0x1d6e2, 0x1d6fc],
	'bold-italic': [0x1d468, 0x1d482, 0, 0x1d71c, 0x1d736],
	script: [0x1d49c, 0x1d4b6, 0, 0, 0],
	'bold-script': [0x1d4d0, 0x1d4ea, 0, 0, 0],
	fraktur: [0x1d504, 0x1d51e, 0, 0, 0],
	'bold-fraktur': [0x1d56c, 0x1d586, 0, 0, 0],
	'double-struck': [0x1d538, 0x1d552, 0x1d7d8, 0, 0],
	'sans-serif': [0x1d5a0, 0x1d5ba, 0x1d7e2, 0, 0],
	'bold-sans-serif': [0x1d5d4, 0x1d5ee, 0x1d7ec, 0x1d756, 0x1d770],
	'sans-serif-italic': [0x1d608, 0x1d622, 0, 0, 0],
	monospace: [0x1d670, 0x1d68a, 0x1d7f6, 0, 0]
};

/** Letters Unicode had before its mathematical block, whose slots there are left empty. */
const HOLES: Record<string, Record<string, string>> = {
	italic: { h: 'ℎ' },
	script: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
	fraktur: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
	'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' }
};

function styled(variant: string, ch: string): string {
	const hole = HOLES[variant]?.[ch];
	if (hole) return hole;
	const [upper, lower, digit, alpha, smallAlpha] = VARIANTS[variant]!;
	const c = ch.codePointAt(0)!;
	const from = (start: number, base: number) => (start ? String.fromCodePoint(start + c - base) : ch);
	if (c >= 0x41 && c <= 0x5a) return from(upper, 0x41);
	if (c >= 0x61 && c <= 0x7a) return from(lower, 0x61);
	if (c >= 0x30 && c <= 0x39) return from(digit, 0x30);
	if (c >= 0x391 && c <= 0x3a9 && c !== 0x3a2) return from(alpha, 0x391);
	if (c >= 0x3b1 && c <= 0x3c9) return from(smallAlpha, 0x3b1);
	return ch;
}

/**
 * KaTeX's MathML output made ready for MathML Core: styled letters as Unicode, and no namespace
 * attribute (the HTML parser puts `<math>` in the MathML namespace by itself).
 * @example mathVariantsToUnicode('<mi mathvariant="double-struck">R</mi>') // '<mi>ℝ</mi>'
 */
export function mathVariantsToUnicode(mathml: string): string {
	return mathml
		.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', '')
		.replace(/<(mi|mn|mo|mtext) mathvariant="([a-z-]+)">([^<]*)<\/\1>/g, (whole, tag: string, variant: string, text: string) => {
			if (!VARIANTS[variant]) return whole;
			return `<${tag}>${[...text].map((ch) => styled(variant, ch)).join('')}</${tag}>`;
		});
}
