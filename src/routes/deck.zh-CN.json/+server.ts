import { json } from '@sveltejs/kit';
import translations from 'virtual:paperdeck-translations';

// The deck's Chinese text, written once at build time. Not precached: only people who read the cards
// in Chinese fetch it, and the app keeps it in IndexedDB for offline use.
export const prerender = true;

export function GET() {
	return json(translations['zh-CN']);
}
