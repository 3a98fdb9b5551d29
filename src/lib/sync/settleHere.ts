/**
 * The end of a sync's pull, where it runs: loads the own-content renderer if own papers or cards
 * arrived (an IndexedDB transaction cannot wait for a download), then settles the pulled cards. The
 * app runs it in the task worker (`settleInWorker`); tests and the fallback run it on the calling thread.
 */
import type { PaperdeckDatabase } from '../db/database.ts';
import { settlePulledCards, unsettledContent } from '../db/settlePulledCards.ts';

export async function settleHere(db: PaperdeckDatabase): Promise<number> {
	const content = await unsettledContent(db);
	const render = content ? await (await import('../own/ownRenderer.ts')).loadOwnRenderer(content.math) : undefined;
	return settlePulledCards(db, render);
}
