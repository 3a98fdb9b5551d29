/**
 * The end of a sync's pull, where it runs: loads the own-content renderer if own papers or cards
 * arrived (an IndexedDB transaction cannot wait for a download), then settles the pulled cards. In the
 * app that thread is the task worker: the sync task's own, or `settleInWorker` after an interrupted pull.
 */
import type { PaperdeckDatabase } from '../db/database.ts';
import { settlePulledCards, unsettledContent } from '../db/settlePulledCards.ts';

export async function settleHere(db: PaperdeckDatabase): Promise<number> {
	const content = await unsettledContent(db);
	const render = content ? await (await import('../own/ownRenderer.ts')).loadOwnRenderer(content.math) : undefined;
	return settlePulledCards(db, render);
}
