/**
 * One sync of the open collection with its connected database, as every trigger runs it (Sync now,
 * after a study session, back online, the timer): one at a time (across tabs too, where the browser
 * has Web Locks), recording the outcome in the status the page shows. Loaded only when a sync runs.
 */
import type { PaperdeckDatabase } from '../db/database.ts';
import { reconcileDeck } from '../db/reconcileDeck.ts';
import { loadSettings } from '../db/settingsStore.ts';
import { newCardRanks } from '../deck/newCardOrder.ts';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { openApp } from '../state/openApp.ts';
import { useSettings } from '../state/useSettings.ts';
import { runTask, TaskCancelled, TaskFailed, WorkerUnavailable } from '../state/runTask.ts';
import { remoteFor } from './connectDatabase.ts';
import { replicate, type SyncReport } from './replicate.ts';
import { loadAccount, loadStatus, saveStatus, type SyncAccount, type SyncStatus } from './syncAccount.ts';
import { SyncError, type SyncErrorKind } from './syncError.ts';

export type SyncOutcome = { ok: true; report: SyncReport } | { ok: false; error: SyncError | Error } | { ok: 'skipped' };

let running: Promise<SyncOutcome> | null = null;

/** Syncs now, or joins the sync already running in this tab. */
export function runSync(): Promise<SyncOutcome> {
	running ??= locked(syncOnce).finally(() => (running = null));
	return running;
}

async function locked(task: () => Promise<SyncOutcome>): Promise<SyncOutcome> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (!locks) return task();
	return locks.request('paperdeck-sync', task) as Promise<SyncOutcome>;
}

async function syncOnce(): Promise<SyncOutcome> {
	const app = await openApp();
	const account = await loadAccount(app.db);
	if (!account) return { ok: 'skipped' };
	const status = await loadStatus(app.db);
	const now = Date.now();
	try {
		const started = performance.now();
		const report = await replicateOffThread(app.db, account);
		if (report.reorder) await rerank(app.db);
		if (report.settingsChanged) await useSettings(await loadSettings(app.db));
		report.millis.total = performance.now() - started;
		await saveStatus(app.db, succeeded(status, report, now));
		return { ok: true, report };
	} catch (e) {
		// The person left the page mid-sync (runTask.ts): nothing to report, and no write from a page on its way out.
		if (e instanceof TaskCancelled) return { ok: 'skipped' };
		const kind = e instanceof SyncError ? e.kind : 'unknown';
		await saveStatus(app.db, { ...status, lastAttemptMillis: now, lastError: { kind, atMillis: now } });
		return { ok: false, error: e as Error };
	}
}

/**
 * The replication itself runs in the task worker, with its own database connection: a first sync
 * reads, checks and stores 100,000 events, seconds of work the page must not feel (its taps and
 * scrolling stay smooth). Where a worker cannot start, it runs here.
 */
async function replicateOffThread(db: PaperdeckDatabase, account: SyncAccount): Promise<SyncReport> {
	if (typeof Worker !== 'undefined') {
		try {
			return await runTask({ type: 'sync' }).result;
		} catch (e) {
			if (e instanceof TaskFailed && e.kind) throw new SyncError(e.kind as SyncErrorKind, e.message.replace(`${e.kind}: `, ''));
			if (!(e instanceof WorkerUnavailable)) throw e;
		}
	}
	return replicate(db, remoteFor(account));
}

function succeeded(status: SyncStatus, report: SyncReport, now: number): SyncStatus {
	return {
		...status,
		lastSuccessMillis: now,
		lastAttemptMillis: now,
		sent: status.sent + report.sent,
		received: status.received + report.received,
		lastSent: report.sent,
		lastReceived: report.received,
		invalid: report.invalid,
		collisions: report.collisions.slice(0, 20),
		lastError: null,
		lastMillis: Object.fromEntries(Object.entries(report.millis).map(([k, v]) => [k, Math.round(v)]))
	};
}

/** A new-card order that arrived from another device reranks the new cards (it needs the deck). */
async function rerank(db: PaperdeckDatabase): Promise<void> {
	const app = await openApp();
	const settings = await loadSettings(db);
	const deck = await fetchDeck();
	await reconcileDeck(db, deck, app.scheduler, newCardRanks(deck, settings.selection.newCardOrder, settings.selection.randomSeed));
}
