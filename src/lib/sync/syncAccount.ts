/**
 * The sync connection and its status, kept in the device's own `sync` table: never in a backup, an
 * export, a snapshot or a log line. The password is stored only when the browser does not keep the
 * server's session cookie (then the page says so).
 */
import type { PaperdeckDatabase } from '../db/database.ts';
import { readSyncValue, writeSyncValue } from '../db/syncStore.ts';
import { ACCOUNT_KEY } from './accountKey.ts';
import type { SyncErrorKind } from './syncError.ts';

export interface SyncAccount {
	url: string;
	username: string;
	/** `session`: a CouchDB cookie session, no password stored. `basic`: the password is stored here. */
	mode: 'session' | 'basic';
	password?: string;
	/** The database answers requests without credentials. */
	publicDatabase: boolean;
}

export interface SyncStatus {
	lastSuccessMillis: number | null;
	lastAttemptMillis: number | null;
	/** Totals since connecting. */
	sent: number;
	received: number;
	/** From the last sync. */
	lastSent: number;
	lastReceived: number;
	invalid: number;
	collisions: string[];
	lastError: { kind: SyncErrorKind | 'unknown'; atMillis: number } | null;
	/** The last successful sync's time by phase (milliseconds): diagnostics, shown nowhere. */
	lastMillis?: Record<string, number>;
}

export const STATUS_KEY = 'status';

export function emptyStatus(): SyncStatus {
	return { lastSuccessMillis: null, lastAttemptMillis: null, sent: 0, received: 0, lastSent: 0, lastReceived: 0, invalid: 0, collisions: [], lastError: null };
}

export async function loadAccount(db: PaperdeckDatabase): Promise<SyncAccount | null> {
	return (await readSyncValue<SyncAccount>(db, ACCOUNT_KEY)) ?? null;
}

export async function saveAccount(db: PaperdeckDatabase, account: SyncAccount): Promise<void> {
	await writeSyncValue(db, ACCOUNT_KEY, account);
}

export async function loadStatus(db: PaperdeckDatabase): Promise<SyncStatus> {
	return { ...emptyStatus(), ...(await readSyncValue<SyncStatus>(db, STATUS_KEY)) };
}

export async function saveStatus(db: PaperdeckDatabase, status: SyncStatus): Promise<void> {
	await writeSyncValue(db, STATUS_KEY, status);
}
