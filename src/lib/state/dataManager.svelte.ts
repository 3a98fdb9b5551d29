/**
 * The "Backup & data" page's state: storage status, export, import (validate → preview → merge),
 * automatic snapshots (restore or roll back), and the integrity check. The page only renders this
 * and calls its methods; every rule lives in the core and every write in the storage layer.
 */
import { backupFileName, serializeBackup, type BackupFile } from '../core/backupFile.ts';
import { studyDay } from '../core/studyDay.ts';
import { parseBackup } from '../core/validateBackup.ts';
import { exportBackup, LAST_EXPORT_KEY } from '../db/exportBackup.ts';
import { applyImport, ImportRejectedError, previewImport, type ImportPreview } from '../db/importBackup.ts';
import { checkIntegrity, type IntegrityReport } from '../db/checkIntegrity.ts';
import type { SnapshotRow } from '../db/database.ts';
import { previewRollback, rollbackToSnapshot, type RollbackPreview } from '../db/rollback.ts';
import { listSnapshots, snapshotText, takeSnapshot } from '../db/snapshots.ts';
import type { SnapshotReason } from '../core/snapshotRetention.ts';
import { APP_VERSION } from './appVersion.ts';
import { downloadFile } from './downloadFile.ts';
import { rendererForRebuild } from './rendererForRebuild.ts';
import { adoptStoredSettings } from './adoptStoredSettings.ts';
import { showTheme } from './commitSettings.ts';
import { fetchDeck } from '../deck/fetchDeck.ts';
import { openApp } from './openApp.ts';
import { requestPersistence, storageStatus, type StorageStatus } from './storagePersistence.ts';
import { browserTraits } from './browserTraits.ts';
import { dataSafety, type DataSafety } from '../core/dataSafety.ts';
import { m } from '../paraglide/messages.js';

/** Where a backup being imported came from. */
export type ImportSource = { kind: 'file'; name: string } | { kind: 'snapshot'; snapshot: SnapshotRow };

export type ImportStep =
	| { step: 'idle' }
	| { step: 'reading'; source: ImportSource }
	| { step: 'rejected'; source: ImportSource; reason: string }
	| {
			step: 'preview';
			source: ImportSource;
			backup: BackupFile;
			preview: ImportPreview;
			/** Events the file listed twice (identically). */
			repeated: number;
			/** For a snapshot: what rolling back to it would cancel. */
			rollback: RollbackPreview | null;
	  }
	| { step: 'applying'; source: ImportSource; what: string }
	| { step: 'done'; source: ImportSource; message: string };

export type DataTask = 'export' | 'snapshot' | 'check' | 'persist';


export class DataManager {
	storage = $state.raw<StorageStatus | null>(null);
	/** Whether this browser may clear the collection (null until known). */
	safety = $state<DataSafety | null>(null);
	/** Whether this session already asked for persistent storage (the browser answered `false`). */
	persistDenied = $state(false);
	snapshots = $state.raw<SnapshotRow[]>([]);
	lastExportMillis = $state<number | null>(null);
	eventCount = $state<number | null>(null);
	importStep = $state.raw<ImportStep>({ step: 'idle' });
	/** Also take the backup's settings (default: yes on an empty collection, no otherwise). */
	useSettings = $state(false);
	integrity = $state.raw<IntegrityReport | null>(null);
	/** The task running now; the other buttons wait. */
	task = $state<DataTask | null>(null);
	/** The outcome of the last export, snapshot or storage request. */
	message = $state<string | null>(null);
	error = $state<string | null>(null);

	/** Whether the collection has been read once (the count is set by every read): the page shows its sections from then on. */
	loaded = $derived(this.eventCount !== null);
	busy = $derived(this.task !== null || this.importStep.step === 'reading' || this.importStep.step === 'applying');

	// Every action awaits the (shared, memoised) collection itself: a button pressed or a file chosen
	// while the page is still opening it waits for it instead of doing nothing or failing.
	async load(): Promise<void> {
		try {
			await this.refresh();
		} catch (e) {
			this.error = m.common_open_collection_failed({ reason: (e as Error).message });
		}
	}

	/** Re-reads everything the page shows. */
	async refresh(): Promise<void> {
		const db = (await openApp()).db;
		const [storage, traits, snapshots, lastExport, events] = await Promise.all([
			storageStatus(),
			browserTraits(),
			listSnapshots(db),
			db.meta.get(LAST_EXPORT_KEY),
			db.events.count()
		]);
		this.storage = storage;
		this.safety = dataSafety(traits);
		this.snapshots = snapshots;
		this.lastExportMillis = typeof lastExport?.value === 'number' ? lastExport.value : null;
		this.eventCount = events;
	}

	async askPersistence(): Promise<void> {
		await this.#run('persist', async () => {
			const granted = await requestPersistence();
			this.persistDenied = !granted;
			this.message = granted ? m.data_persist_granted() : m.data_persist_denied();
		});
	}

	/** Downloads the whole collection as `paperdeck-backup-YYYY-MM-DD.json`. */
	async exportNow(): Promise<void> {
		await this.#run('export', async () => {
			const db = (await openApp()).db;
			const now = Date.now();
			const backup = await exportBackup(db, APP_VERSION, now);
			const name = backupFileName(now, (await openApp()).clock.timeZone);
			downloadFile(serializeBackup(backup), name);
			await db.meta.put({ key: LAST_EXPORT_KEY, value: now });
			this.lastExportMillis = now;
			this.message = m.data_exported({ count: backup.events.length, file: name });
		});
	}

	/** Reads and checks a chosen file, then shows what importing it would do. Writes nothing. */
	async readFile(file: File): Promise<void> {
		const source: ImportSource = { kind: 'file', name: file.name };
		await this.#prepare(source, () => file.text());
	}

	/** Opens a snapshot as an import: restore what the log lacks, or roll back to it. */
	async openSnapshot(snapshot: SnapshotRow): Promise<void> {
		await this.#prepare({ kind: 'snapshot', snapshot }, async () => snapshotText((await openApp()).db, snapshot.id!));
	}

	async #prepare(source: ImportSource, read: () => Promise<string>): Promise<void> {
		if (this.busy) return;
		this.importStep = { step: 'reading', source };
		this.message = null;
		try {
			const parsed = parseBackup(await read(), Date.now());
			if (!parsed.ok) {
				this.importStep = { step: 'rejected', source, reason: parsed.reason };
				return;
			}
			const db = (await openApp()).db;
			const [preview, rollback] = await Promise.all([
				previewImport(db, parsed.backup),
				source.kind === 'snapshot' ? previewRollback(db, parsed.backup) : null
			]);
			this.useSettings = source.kind === 'file' && preview.emptyCollection && preview.settingsDiffer;
			this.importStep = { step: 'preview', source, backup: parsed.backup, preview, repeated: parsed.repeated, rollback };
		} catch (e) {
			const reason = e instanceof ImportRejectedError ? e.message : m.data_read_failed({ reason: (e as Error).message });
			this.importStep = { step: 'rejected', source, reason };
		}
	}

	cancelImport(): void {
		if (this.importStep.step !== 'applying') this.importStep = { step: 'idle' };
	}

	/** Merges the previewed backup (or snapshot) into the collection, after a safety snapshot. */
	async confirmImport(): Promise<void> {
		const current = this.importStep;
		if (current.step !== 'preview') return;
		const app = (await openApp());
		const { source, backup } = current;
		try {
			await this.#safetySnapshot(source, 'before-import');
			this.importStep = { step: 'applying', source, what: m.data_importing() };
			// Own papers and cards are rendered as they are merged: load the renderer first.
			const render = await rendererForRebuild(app.db, backup.events);
			const result = await applyImport(app.db, backup, { useSettings: this.useSettings, render });
			// Every page shares these services: the review screen schedules with the new settings at once.
			if (await adoptStoredSettings(app)) showTheme(app.settings.theme);
			const added = source.kind === 'file' ? m.data_imported({ count: result.added }) : m.data_restored({ count: result.added });
			const message =
				result.added === 0 ? m.data_nothing_new({ count: result.present }) : `${added}${m.data_already_here({ count: result.present })}`;
			this.importStep = { step: 'done', source, message: this.useSettings ? `${message} ${m.data_settings_taken()}` : message };
			await this.refresh();
		} catch (e) {
			this.importStep = { step: 'rejected', source, reason: m.data_nothing_imported({ reason: (e as Error).message }) };
		}
	}

	/** Cancels everything done since a snapshot (undo events: nothing is deleted). */
	async rollback(): Promise<void> {
		const current = this.importStep;
		if (current.step !== 'preview' || current.source.kind !== 'snapshot') return;
		const app = (await openApp());
		const { source, backup } = current;
		try {
			await this.#safetySnapshot(source, 'before-restore');
			this.importStep = { step: 'applying', source, what: m.data_rolling_back() };
			const render = await rendererForRebuild(app.db, backup.events);
			const written = await rollbackToSnapshot(app.db, backup, Date.now(), app.scheduler, render);
			this.importStep = {
				step: 'done',
				source,
				message: m.data_rolled_back({ count: written })
			};
			await this.refresh();
		} catch (e) {
			this.importStep = { step: 'rejected', source, reason: m.data_nothing_changed({ reason: (e as Error).message }) };
		}
	}

	/** Before a big change, a snapshot to return to (skipped for an empty collection). */
	async #safetySnapshot(source: ImportSource, reason: SnapshotReason): Promise<void> {
		if (!this.eventCount) return;
		this.importStep = { step: 'applying', source, what: m.data_saving_snapshot() };
		await this.#snapshot(reason);
	}

	async #snapshot(reason: SnapshotReason): Promise<SnapshotRow> {
		const app = (await openApp());
		const now = Date.now();
		return takeSnapshot(app.db, { nowMillis: now, day: studyDay(now, app.clock), appVersion: APP_VERSION, reason });
	}

	async snapshotNow(): Promise<void> {
		await this.#run('snapshot', async () => {
			const row = await this.#snapshot('manual');
			this.message = m.data_snapshot_saved({ count: row.eventCount });
			await this.refresh();
		});
	}

	async downloadSnapshot(snapshot: SnapshotRow): Promise<void> {
		await this.#run('export', async () => {
			const text = await snapshotText((await openApp()).db, snapshot.id!);
			downloadFile(text, backupFileName(snapshot.takenAtMillis, (await openApp()).clock.timeZone).replace('backup', 'snapshot'));
		});
	}

	/** Checks every card state against a replay of the log and repairs what differs. */
	async checkDatabase(): Promise<void> {
		await this.#run('check', async () => {
			const app = (await openApp());
			this.integrity = await checkIntegrity(app.db, await fetchDeck(), app.scheduler, Date.now());
		});
	}

	async #run(task: DataTask, work: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.task = task;
		this.error = null;
		this.message = null;
		try {
			await work();
		} catch (e) {
			this.error = (e as Error).message;
		} finally {
			this.task = null;
		}
	}
}
