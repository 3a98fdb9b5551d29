/**
 * Whether the deck's Chinese text is on this device, and getting it there. Loaded on demand through
 * `ensureTranslation()` once a page's first content is up: when the card language reads Chinese,
 * `/deck.zh-CN.json` is fetched (only when the stored version is not this build's) and stored in
 * IndexedDB for offline use.
 */
import translationVersions from 'virtual:paperdeck-translation-versions';
import { readsChinese, TRANSLATION_LANG } from '../core/cardLanguage.ts';
import { devicePrefs } from './devicePrefs.svelte.ts';
import { openCollection } from './openCollection.ts';

export type TranslationStatus = 'unknown' | 'loading' | 'ready' | 'missing';

class DeckTranslation {
	/** `missing`: not downloaded yet and the download failed (offline): cards show in English. */
	status = $state<TranslationStatus>('unknown');
	#running: Promise<void> | null = null;

	/** Downloads and stores the translation if the card language needs it and it is not current. */
	ensure(): Promise<void> {
		if (!readsChinese(devicePrefs.cardLanguage)) return Promise.resolve();
		if (this.status === 'ready') return Promise.resolve();
		this.#running ??= this.#refresh().finally(() => (this.#running = null));
		return this.#running;
	}

	async #refresh(): Promise<void> {
		const [{ db }, { refreshTranslation }] = await Promise.all([openCollection(), import('../db/refreshTranslation.ts')]);
		const outcome = await refreshTranslation(db, TRANSLATION_LANG, translationVersions[TRANSLATION_LANG] ?? '', async () => {
			if (this.status === 'unknown') this.status = 'loading';
			const res = await fetch(`/deck.${TRANSLATION_LANG}.json`);
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			return res.json();
		});
		this.status = outcome === 'missing' ? 'missing' : 'ready';
	}
}

export const deckTranslation = new DeckTranslation();
