/** The card browser (/browse) with the user's own papers and cards (issue 19). */
import { describe, expect, it } from 'vitest';
import { paperEntityId, type ContentEvent } from '../../src/lib/core/contentEvents.ts';
import { foldOwnContent } from '../../src/lib/core/foldOwnContent.ts';
import type { CardRow } from '../../src/lib/db/database.ts';
import { withOwnContent } from '../../src/lib/state/cardBrowser.svelte.ts';
import { makeDeck, NOW } from './factories.ts';
import { cardSearchText } from '../../src/lib/core/cardSearchText.ts';

const deck = makeDeck(2, 2);
const events: ContentEvent[] = [
	{ id: 'e1', cardId: paperEntityId('u_mine'), atMillis: NOW, type: 'paperSet', title: 'My paper', short: '', year: 0, arxiv: '', url: '', topic: 'architecture', buildsOn: '', summary: 'About it.' },
	{ id: 'e2', cardId: 'u_mine/u_a', atMillis: NOW + 1, type: 'cardSet', cardType: 'basic', prompt: 'Own question zebra', answer: 'Yes.', note: '' },
	{ id: 'e3', cardId: 'paper-0/u_b', atMillis: NOW + 2, type: 'cardSet', cardType: 'basic', prompt: 'Gone', answer: 'No.', note: '' },
	{ id: 'e4', cardId: 'paper-0/u_b', atMillis: NOW + 3, type: 'cardRetire' },
	{ id: 'e5', cardId: 'paper-1/card-0', atMillis: NOW + 4, type: 'cardSet', cardType: 'basic', prompt: 'Reworded giraffe', answer: 'Mine.', note: '' }
];
const row = (id: string, paperId: string, prompt: string, extra: Partial<CardRow> = {}): CardRow => ({
	id,
	paperId,
	paperShort: '',
	type: 'basic',
	promptHtml: `<p>${prompt}</p>`,
	answerHtml: '<p>x</p>',
	noteHtml: '',
	hash: prompt,
	retired: 0,
	...extra
});
const rows = new Map<string, CardRow>([
	['u_mine/u_a', row('u_mine/u_a', 'u_mine', 'Own question zebra', { own: 1 })],
	['paper-0/u_b', row('paper-0/u_b', 'paper-0', 'Gone', { own: 1, retired: 1 })],
	['paper-1/card-0', row('paper-1/card-0', 'paper-1', 'Reworded giraffe', { edited: 1 })]
]);

describe('the card browser with own content', () => {
	it('lists own papers and cards, leaves retired ones out, and shows a reworded deck card in the user\'s words', () => {
		const merged = withOwnContent(deck, foldOwnContent(events), rows);
		expect(merged.papers.map((p) => p.id)).toEqual(['paper-0', 'paper-1', 'u_mine']);
		expect(merged.papers.at(-1)).toMatchObject({ short: 'My paper', topic: 'architecture' });
		const ids = merged.cards.map((c) => c.id);
		expect(ids).toContain('u_mine/u_a');
		expect(ids).not.toContain('paper-0/u_b');
		expect(merged.cards.find((c) => c.id === 'u_mine/u_a')).toMatchObject({ paperId: 'u_mine', promptHtml: '<p>Own question zebra</p>' });
		expect(cardSearchText(merged.cards.find((c) => c.id === 'u_mine/u_a')!)).toContain('zebra');
		const reworded = merged.cards.find((c) => c.id === 'paper-1/card-0')!;
		expect(reworded.promptHtml).toBe('<p>Reworded giraffe</p>');
		expect(cardSearchText(reworded)).toContain('giraffe');
		// The deck itself is untouched.
		expect(deck.cards.find((c) => c.id === 'paper-1/card-0')!.promptHtml).toBe('<p>Question paper-1/card-0</p>');
	});

	it('is the deck itself when the user wrote nothing', () => {
		expect(withOwnContent(deck, foldOwnContent([]), new Map())).toBe(deck);
	});
});
