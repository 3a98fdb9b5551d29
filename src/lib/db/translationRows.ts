/**
 * Reading the deck's translated text from IndexedDB (written by `refreshTranslation`). Small and
 * read-only, so the pages that show cards can import it without the download code.
 */
import type { PaperdeckDatabase, TranslationRow } from './database.ts';

/** A card's translated fields, the build's trusted HTML. */
export interface TranslatedCard {
	promptHtml: string;
	answerHtml: string;
	noteHtml: string;
}

/** The meta key holding the version of a language's stored text. */
export function translationVersionKey(lang: string): string {
	return `translationVersion:${lang}`;
}

export async function storedTranslationVersion(db: PaperdeckDatabase, lang: string): Promise<string | null> {
	const row = await db.meta.get(translationVersionKey(lang));
	return typeof row?.value === 'string' ? row.value : null;
}

function asCard(row: TranslationRow): TranslatedCard {
	return { promptHtml: row.promptHtml ?? '', answerHtml: row.answerHtml ?? '', noteHtml: row.noteHtml ?? '' };
}

/** The translations of `cardIds` that are stored, by card id (a card without one is absent). */
export async function loadCardTranslations(db: PaperdeckDatabase, lang: string, cardIds: readonly string[]): Promise<Map<string, TranslatedCard>> {
	const rows = await db.translations.bulkGet(cardIds.map((id) => [lang, 'card', id] as [string, string, string]));
	const out = new Map<string, TranslatedCard>();
	for (const row of rows) if (row) out.set(row.id, asCard(row));
	return out;
}

/** The translated summaries (HTML) of `paperIds` that are stored, by paper id. */
export async function loadPaperTranslations(db: PaperdeckDatabase, lang: string, paperIds: readonly string[]): Promise<Map<string, string>> {
	const rows = await db.translations.bulkGet(paperIds.map((id) => [lang, 'paper', id] as [string, string, string]));
	const out = new Map<string, string>();
	for (const row of rows) if (row?.summaryHtml) out.set(row.id, row.summaryHtml);
	return out;
}

/** Every stored row of one kind in `lang` (for search, and lists of many cards). */
export function loadTranslationRows(db: PaperdeckDatabase, lang: string, kind: TranslationRow['kind']): Promise<TranslationRow[]> {
	// Ids are ASCII (`<paper>/<slug>`): every one sorts below U+FFFF.
	return db.translations.where('[lang+kind+id]').between([lang, kind, ''], [lang, kind, '\uffff']).toArray();
}
