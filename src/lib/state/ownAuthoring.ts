/**
 * The user's actions on their own content: add a paper, add or edit a card (an edit of a deck card
 * is a personal override), restore a deck card's wording, retire and restore an own card. Each is one
 * content event (contentEvents.ts) appended with its caches in one transaction. The renderer (and
 * KaTeX, when the text has math) is loaded first: pages without own content never load either.
 */
import {
	clozeDeletions,
	newOwnCardId,
	newOwnPaperId,
	paperEntityId,
	type ContentEvent,
	type PaperSetEvent
} from '../core/contentEvents.ts';
import { contentTexts, hasMath, type CardText, type OwnContent } from '../core/foldOwnContent.ts';
import { appendContentEvents, readOwnContent } from '../db/ownContentStore.ts';
import { newEventId } from '../db/newEventId.ts';
import { loadOwnRenderer } from '../own/ownRenderer.ts';
import { openApp } from './openApp.ts';

const random = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

export type PaperFields = Omit<PaperSetEvent, 'id' | 'cardId' | 'atMillis' | 'type'>;

async function append(events: ContentEvent[], texts: string[]): Promise<void> {
	const app = await openApp();
	// Retiring or restoring re-renders a card already written: its math counts too.
	const all = [...texts, ...contentTexts(await readOwnContent(app.db))];
	const render = await loadOwnRenderer(hasMath(all));
	await appendContentEvents(app.db, events, render, app.scheduler);
}

/** Saves a new own paper; returns its id. */
export async function addPaper(fields: PaperFields): Promise<string> {
	const id = newOwnPaperId(random);
	await append([{ id: newEventId(), cardId: paperEntityId(id), atMillis: Date.now(), type: 'paperSet', ...fields }], [fields.summary]);
	return id;
}

/** What is wrong with a card's text, as a message code the form words; null when it can be saved. */
export function cardTextProblem(t: CardText): 'empty-question' | 'empty-answer' | 'no-deletion' | null {
	if (t.prompt.trim() === '') return 'empty-question';
	if (t.type === 'cloze') return clozeDeletions(t.prompt) === 0 ? 'no-deletion' : null;
	return t.answer.trim() === '' ? 'empty-answer' : null;
}

/** Saves a card's text: a new own card of `paperId` when `cardId` is null, else an edit of that card. */
export async function saveCard(paperId: string, cardId: string | null, t: CardText): Promise<string> {
	const id = cardId ?? newOwnCardId(paperId, random);
	const text = { cardType: t.type, prompt: t.prompt.trim(), answer: t.type === 'cloze' ? '' : t.answer.trim(), note: t.note.trim() };
	await append([{ id: newEventId(), cardId: id, atMillis: Date.now(), type: 'cardSet', ...text }], [text.prompt, text.answer, text.note]);
	return id;
}

/** Restore the original (a deck card), retire or restore (an own card). */
export async function cardAction(cardId: string, type: 'cardOriginal' | 'cardRetire' | 'cardRestore'): Promise<void> {
	await append([{ id: newEventId(), cardId, atMillis: Date.now(), type }], []);
}

export async function ownContent(): Promise<OwnContent> {
	return readOwnContent((await openApp()).db);
}

/**
 * The Markdown to start editing a card from: the user's own text when they wrote or reworded it,
 * else the deck's wording converted back from its HTML.
 */
export async function editableText(card: { id: string; type: 'basic' | 'cloze'; promptHtml: string; answerHtml: string; noteHtml: string }): Promise<CardText> {
	const content = await ownContent();
	const mine = content.cards.find((c) => c.id === card.id) ?? content.overrides.find((c) => c.id === card.id);
	if (mine) return { type: mine.type, prompt: mine.prompt, answer: mine.answer, note: mine.note };
	const { htmlToMarkdown } = await import('../own/htmlToMarkdown.ts');
	return {
		type: card.type,
		prompt: htmlToMarkdown(card.type === 'cloze' ? card.answerHtml : card.promptHtml),
		answer: card.type === 'cloze' ? '' : htmlToMarkdown(card.answerHtml),
		note: htmlToMarkdown(card.noteHtml)
	};
}
