import type { Settings } from './settings.ts';
import type { SettingsEvent } from './settingsEvent.ts';
import type { CardEvent } from './types.ts';

/** Marks a file as a Paperdeck backup, so a stray JSON file is rejected by name, not by accident. */
export const BACKUP_FORMAT = 'paperdeck-backup';

/**
 * The version of the backup file's layout. Raise it whenever a field's meaning or an event's shape
 * changes; the importer refuses files newer than it understands rather than guessing.
 */
// 2: `dueBy` events (interview mode). A version-1 app would refuse them as unknown events; the version
// tells it to say "update the app" instead. Version-1 files hold nothing version 2 reads differently.
// 3: `postpone` events, the `batch` of dueBy/postpone, and a review's recorded `fuzz` and `capMillis`
// (workload control). Older files hold nothing version 3 reads differently.
// 4: the user's own papers and cards as events (issue 19, contentEvents.ts).
// 5: `settingsEvents`, the log's settings that converge across devices (sync). Older files have none;
// their `settings` are still read as before. Every version from 1 to this one is accepted.
export const BACKUP_SCHEMA_VERSION = 5;

/**
 * One backup: everything needed to rebuild a user's collection elsewhere. The event log is the
 * truth; card states are not included because replaying the log gives them back.
 */
export interface BackupFile {
	format: typeof BACKUP_FORMAT;
	schemaVersion: number;
	/** The app version that wrote the file (package.json), for support questions. */
	appVersion: string;
	exportedAtMillis: number;
	settings: Settings;
	/** User data kept beside the settings (stored preferences of later features), by key. */
	custom: Record<string, unknown>;
	events: CardEvent[];
	/** The log's settings events (schema 5 on); the latest by (time, id) is in force. */
	settingsEvents?: SettingsEvent[];
}

/**
 * A backup's download name, dated in the user's time zone: `paperdeck-backup-2026-11-22.json`.
 *
 * @example
 * backupFileName(Date.UTC(2026, 10, 22, 12), 'Europe/Paris'); // 'paperdeck-backup-2026-11-22.json'
 */
export function backupFileName(nowMillis: number, timeZone: string): string {
	// en-CA writes dates as YYYY-MM-DD.
	const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMillis);
	return `paperdeck-backup-${date}.json`;
}

/**
 * The file's text: plain JSON, one event per line, so a backup stays readable and greppable (and
 * diffs well) at a cost of one byte per event.
 */
export function serializeBackup(backup: BackupFile): string {
	const { events, settingsEvents, ...head } = backup;
	const top = JSON.stringify(settingsEvents ? { ...head, settingsEvents } : head);
	const lines = events.map((e) => JSON.stringify(e)).join(',\n');
	return `${top.slice(0, -1)},\n"events":[\n${lines}\n]}\n`;
}
