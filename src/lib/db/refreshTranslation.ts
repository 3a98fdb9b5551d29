/**
 * Keeps one language's deck text in IndexedDB, so cards read in that language work offline: downloaded
 * once, and again only when the build's version of it differs from the stored one. Loaded on demand
 * (never on the review's first paint), since only people who read the cards in that language need it.
 */
import type { CompiledTranslation } from '../deck/compileTranslations.ts';
import type { PaperdeckDatabase, TranslationRow } from './database.ts';
import { storedTranslationVersion, translationVersionKey } from './translationRows.ts';

export type RefreshOutcome =
	/** The stored text is the build's: nothing was downloaded. */
	| 'current'
	/** The text was downloaded and stored. */
	| 'updated'
	/** The download failed; an older stored text stays in use. */
	| 'stale'
	/** The download failed and nothing is stored (offline before the first download). */
	| 'missing';

/** Replaces every stored row of the translation's language with it, and its version, in one transaction. */
export async function storeTranslation(db: PaperdeckDatabase, t: CompiledTranslation): Promise<void> {
	const rows: TranslationRow[] = [
		...t.papers.map((p): TranslationRow => ({ lang: t.lang, kind: 'paper', id: p.id, summaryHtml: p.summaryHtml, text: p.summaryText })),
		...t.cards.map(
			(c): TranslationRow => ({ lang: t.lang, kind: 'card', id: c.id, promptHtml: c.promptHtml, answerHtml: c.answerHtml, noteHtml: c.noteHtml, text: c.text })
		)
	];
	await db.transaction('rw', db.translations, db.meta, async () => {
		// A card dropped from the deck must not keep an old translation: the language is replaced whole.
		await db.translations.where('[lang+kind+id]').between([t.lang, '', ''], [t.lang, '\uffff', '\uffff']).delete();
		await db.translations.bulkPut(rows);
		await db.meta.put({ key: translationVersionKey(t.lang), value: t.version });
	});
}

/** Whether a downloaded file is a translation at all (a captive portal's page is not). */
function isTranslation(value: unknown, lang: string): value is CompiledTranslation {
	const t = value as CompiledTranslation | null;
	return !!t && t.lang === lang && typeof t.version === 'string' && Array.isArray(t.papers) && Array.isArray(t.cards);
}

/**
 * Brings `lang`'s stored text to `bundledVersion` (the version this build ships), downloading it with
 * `download` only when the stored version differs.
 */
export async function refreshTranslation(
	db: PaperdeckDatabase,
	lang: string,
	bundledVersion: string,
	download: () => Promise<unknown>
): Promise<RefreshOutcome> {
	const stored = await storedTranslationVersion(db, lang);
	if (stored === bundledVersion) return 'current';
	try {
		const t = await download();
		if (!isTranslation(t, lang)) throw new Error(`not a ${lang} translation`);
		await storeTranslation(db, t);
		return 'updated';
	} catch {
		return stored === null ? 'missing' : 'stale';
	}
}
