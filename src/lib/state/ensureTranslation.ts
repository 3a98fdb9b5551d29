/**
 * Brings the deck's Chinese text onto the device when the card language reads it, loading the download
 * code only then (English readers and the first paint of every page never load it). Resolves true
 * when the text is there to read (a page then reads its rows again), false otherwise.
 */
import { readsChinese } from '../core/cardLanguage.ts';
import { devicePrefs } from './devicePrefs.svelte.ts';

export async function ensureTranslation(): Promise<boolean> {
	if (!readsChinese(devicePrefs.cardLanguage)) return false;
	const { deckTranslation } = await import('./deckTranslation.svelte.ts');
	await deckTranslation.ensure();
	return deckTranslation.status === 'ready';
}
