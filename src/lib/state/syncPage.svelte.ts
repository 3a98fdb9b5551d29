/**
 * The sync page's state: the connection form, the preview before a first merge, Sync now,
 * Disconnect, and the status (last success, counts, pending events, the last error).
 */
import { pendingChanges } from '../db/syncStore.ts';
import { clearSyncState } from '../db/syncStore.ts';
import { connectDatabase, UrlRejected, type ConnectPreview } from '../sync/connectDatabase.ts';
import { pushedSeq } from '../sync/replicate.ts';
import { runSync } from '../sync/runSync.ts';
import { ACCOUNT_KEY } from '../sync/accountKey.ts';
import { loadAccount, loadStatus, saveAccount, emptyStatus, type SyncAccount, type SyncStatus } from '../sync/syncAccount.ts';
import { SyncError } from '../sync/syncError.ts';
import type { UrlProblem } from '../core/sync/databaseUrl.ts';
import { openApp } from './openApp.ts';

export type SyncProblem = UrlProblem | SyncError['kind'] | 'unknown' | 'missingFields';

export interface PendingMerge extends ConnectPreview {
	localEvents: number;
}

export class SyncPage {
	status = $state<'loading' | 'ready' | 'busy'>('loading');
	url = $state('');
	username = $state('');
	password = $state('');
	account = $state.raw<SyncAccount | null>(null);
	info = $state.raw<SyncStatus>(emptyStatus());
	pending = $state(0);
	/** A connection waiting for the user to confirm merging two histories. */
	merge = $state.raw<PendingMerge | null>(null);
	/** The last action's problem, in the page's words. */
	problem = $state<SyncProblem | null>(null);
	/** The last action's outcome, for a live region. */
	done = $state<'synced' | 'disconnected' | null>(null);

	async load(): Promise<void> {
		const app = await openApp();
		this.account = await loadAccount(app.db);
		if (this.account) {
			this.url = this.account.url;
			this.username = this.account.username;
		}
		await this.refresh();
		this.status = 'ready';
	}

	async refresh(): Promise<void> {
		const app = await openApp();
		this.info = await loadStatus(app.db);
		this.pending = this.account ? await pendingChanges(app.db, await pushedSeq(app.db, this.account.url)) : await app.db.changes.count();
	}

	/** Sync now: connects first when not connected yet (with a preview when both sides hold events). */
	async syncNow(): Promise<void> {
		if (this.status !== 'ready') return;
		this.problem = null;
		this.done = null;
		this.status = 'busy';
		try {
			if (!this.account || this.account.url !== this.url.trim().replace(/\/+$/, '') || this.password) {
				if (!this.url.trim() || !this.username.trim() || !this.password) return void (this.problem = 'missingFields');
				const preview = await connectDatabase(this.url, { username: this.username.trim(), password: this.password });
				const localEvents = await (await openApp()).db.events.count();
				if (preview.remoteDocuments > 0 && localEvents > 0) return void (this.merge = { ...preview, localEvents });
				await this.#adopt(preview.account);
			}
			await this.#sync();
		} catch (e) {
			this.problem = e instanceof UrlRejected ? e.problem : e instanceof SyncError ? e.kind : 'unknown';
		} finally {
			this.status = 'ready';
		}
	}

	/** The user agreed to merge this device's history with the database's. */
	async confirmMerge(): Promise<void> {
		const merge = this.merge;
		if (!merge || this.status !== 'ready') return;
		this.status = 'busy';
		try {
			this.merge = null;
			await this.#adopt(merge.account);
			await this.#sync();
		} finally {
			this.status = 'ready';
		}
	}

	cancelMerge(): void {
		this.merge = null;
	}

	async disconnect(): Promise<void> {
		const app = await openApp();
		const account = this.account;
		await clearSyncState(app.db, ['deviceId']);
		this.account = null;
		this.password = '';
		this.merge = null;
		this.problem = null;
		this.done = 'disconnected';
		// End the server's session too (best effort: the cookie would expire anyway).
		if (account?.mode === 'session') void fetch(`${new URL(account.url).origin}/_session`, { method: 'DELETE', credentials: 'include' }).catch(() => {});
		await this.refresh();
	}

	async #adopt(account: SyncAccount): Promise<void> {
		const app = await openApp();
		await app.db.transaction('rw', app.db.sync, async () => {
			// A different database starts from nothing: no checkpoints or totals carried over.
			if (this.account?.url !== account.url) await clearSyncState(app.db, ['deviceId']);
			await saveAccount(app.db, account);
		});
		this.account = account;
		this.password = '';
	}

	async #sync(): Promise<void> {
		const outcome = await runSync();
		await this.refresh();
		if (outcome.ok === true) this.done = 'synced';
		else if (outcome.ok === false) this.problem = outcome.error instanceof SyncError ? outcome.error.kind : 'unknown';
	}
}

export { ACCOUNT_KEY };
