/**
 * Whether the deck's Chinese text is on this device, and getting it there. Pages that show cards call
 * `ensure()` once their first content is up: when the card language reads Chinese, the download code
 * is loaded and `/deck.zh-CN.json` fetched (only when the stored version is not this build's), then
 * stored in IndexedDB for offline use. `revision` changes when new text was stored, so a page on
 * screen reads it again.
 */
import translationVersions from 'virtual:paperdeck-translation-versions';
import { readsChinese, TRANSLATION_LANG } from '../core/cardLanguage.ts';
import { devicePrefs } from './devicePrefs.svelte.ts';
import { openCollection } from './openCollection.ts';

export type TranslationStatus = 'unknown' | 'loading' | 'ready' | 'missing';

class DeckTranslation {
	/** `missing`: not downloaded yet and the download failed (offline): cards show in English. */
	status = $state<TranslationStatus>('unknown');
	revision = $state(0);
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
		if (outcome === 'updated') this.revision++;
	}
}

export const deckTranslation = new DeckTranslation();
