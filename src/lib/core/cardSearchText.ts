/**
 * The text a card is searched by, derived from its rendered HTML instead of shipped beside it (it
 * was a sixth of the deck's download): the words, and each formula as its TeX source, which KaTeX
 * keeps in the MathML's annotation (so `sqrt` finds `\sqrt{d_k}`).
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/**
 * @example htmlSearchText('<p>Divide by <math><semantics><mi>…</mi><annotation encoding="application/x-tex">\\sqrt{d_k}</annotation></semantics></math>.</p>')
 * // 'Divide by \\sqrt{d_k} .'
 */
export function htmlSearchText(html: string): string {
	return html
		.replace(/<math\b[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g, ' $1 ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!)
		.replace(/\s+/g, ' ')
		.trim();
}

/** A card's searchable text: question, answer (a cloze's answer side is its whole text) and note. */
export function cardSearchText(card: { type: 'basic' | 'cloze'; promptHtml: string; answerHtml: string; noteHtml: string }): string {
	const fields = card.type === 'cloze' ? [card.answerHtml, card.noteHtml] : [card.promptHtml, card.answerHtml, card.noteHtml];
	return fields.filter(Boolean).map(htmlSearchText).join(' \n ');
}
