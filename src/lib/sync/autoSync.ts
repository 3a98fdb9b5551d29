/**
 * When sync runs by itself: when the app comes back online, every few minutes while it is open,
 * visible and online, and after a study session (afterSession.ts asks). Small on purpose: the
 * replication code loads only when a connected collection actually syncs, never on the review path.
 */
import type { PaperdeckDatabase } from '../db/database.ts';
import { openCollection } from '../state/openCollection.ts';
// The key alone: syncAccount.ts brings the store's code, which an unconnected device never needs.
import { ACCOUNT_KEY } from './accountKey.ts';

const EVERY_MILLIS = 5 * 60_000;
let started = false;

async function connected(db: PaperdeckDatabase): Promise<boolean> {
	return (await db.sync.where('key').equals(ACCOUNT_KEY).count()) > 0;
}

/** Syncs in the background if this collection is connected; failures land in the sync status. */
export async function syncInBackground(db: PaperdeckDatabase): Promise<void> {
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
	if (!(await connected(db))) return;
	const { runSync } = await import('./runSync.ts');
	await runSync();
}

export async function startAutoSync(): Promise<void> {
	if (started) return;
	started = true;
	const { db } = await openCollection();
	const kick = () => void syncInBackground(db).catch(() => {});
	window.addEventListener('online', kick);
	setInterval(() => {
		// Mid-review, the session's own end triggers the sync instead.
		if (document.visibilityState === 'visible' && location.pathname !== '/review') kick();
	}, EVERY_MILLIS);
	kick();
}
