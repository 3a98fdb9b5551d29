import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, type BackupFile } from './backupFile.ts';
import type { Settings } from './settings.ts';
import { CONTENT_FIELDS, contentProblem, isContentEvent } from './contentEvents.ts';
import type { CardEvent, CardEventType } from './types.ts';
import { canonicalJson } from './canonicalJson.ts';
import type { SettingsEvent } from './settingsEvent.ts';
import { settingsEventProblem } from './validateSettingsEvent.ts';
import { settingsProblem } from './validateSettings.ts';

type Check = (v: unknown) => boolean;

const DAY = 86_400_000;
/** Nothing in a log can predate the year 2000; anything earlier is a corrupted time. */
const EARLIEST_EVENT_MILLIS = Date.UTC(2000, 0, 1);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200 && !/\s/.test(v);
const isInt: Check = (v) => Number.isSafeInteger(v);

/** Fields every event has, and the extra fields of each type, with what they must be. */
const COMMON: Record<string, [Check, string]> = {
	id: [isId, 'a non-empty id without spaces'],
	// Card ids are `<paper-id>/<card-slug>` (ARCHITECTURE.md).
	cardId: [(v) => typeof v === 'string' && v.length <= 200 && /^[^\s/]+\/[^\s/]+$/.test(v), 'a card id like "lora/freeze"'],
	type: [() => true, ''],
	atMillis: [isInt, 'a time in whole milliseconds']
};
const EXTRA: Record<CardEventType, Record<string, [Check, string]>> = {
	review: {
		rating: [(v) => v === 1 || v === 2 || v === 3 || v === 4, '1, 2, 3 or 4'],
		kind: [(v) => v === 'learn' || v === 'review' || v === 'relearn' || v === 'cram', 'learn, review, relearn or cram'],
		day: [(v) => isInt(v) && (v as number) >= 0, 'a study day number'],
		durationMillis: [(v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a duration in milliseconds (0 or more)']
	},
	undo: { targetId: [isId, 'the id of the event it undoes'] },
	suspend: {},
	unsuspend: {},
	bury: { untilMillis: [(v) => isInt(v) && (v as number) >= 0, 'a time in whole milliseconds'] },
	reset: {},
	dueBy: { dueMillis: [(v) => isInt(v) && (v as number) >= 0, 'a time in whole milliseconds'] },
	postpone: { dueMillis: [(v) => isInt(v) && (v as number) >= 0, 'a time in whole milliseconds'] },
	// The user's own papers and cards (contentEvents.ts).
	...CONTENT_FIELDS
};
/** Fields an event of the type may have (absent = the default behaviour). */
const OPTIONAL: Partial<Record<CardEventType, Record<string, [Check, string]>>> = {
	review: {
		fuzz: [(v) => typeof v === 'number' && v >= 0 && v < 1, 'a number from 0 up to (not including) 1'],
		capMillis: [(v) => isInt(v) && (v as number) >= 0, 'a time in whole milliseconds']
	},
	dueBy: { batch: [isId, 'the id of the action it belongs to'] },
	postpone: { batch: [isId, 'the id of the action it belongs to'] }
};

function describe(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Why `value` is not a well-formed event, or null when it is: exactly the fields of its type, each of
 * the right type and range, and a time between 2000 and a day past `nowMillis` (a little clock skew
 * between devices is normal; an event from next year is not).
 */
export function eventProblem(value: unknown, nowMillis: number): string | null {
	if (!isObject(value)) return 'is not an object';
	const type = value.type as CardEventType;
	const extra = typeof type === 'string' && Object.hasOwn(EXTRA, type) ? EXTRA[type] : null;
	if (!extra) return `has an unknown type ${describe(value.type)}`;
	const fields = { ...COMMON, ...extra };
	for (const [name, [ok, expected]] of Object.entries(fields)) {
		if (!(name in value)) return `has no ${name}`;
		if (!ok(value[name])) return `has ${name} ${describe(value[name])}; it must be ${expected}`;
	}
	const optional = OPTIONAL[type] ?? {};
	for (const [name, [ok, expected]] of Object.entries(optional)) {
		if (name in value && !ok(value[name])) return `has ${name} ${describe(value[name])}; it must be ${expected}`;
	}
	for (const name of Object.keys(value)) {
		if (!(name in fields) && !(name in optional)) return `has a field "${name}" that ${type} events do not have`;
	}
	const at = value.atMillis as number;
	if (at < EARLIEST_EVENT_MILLIS || at > nowMillis + DAY) return `is dated ${new Date(at).toISOString()}, which cannot be right`;
	if (type === 'undo' && value.targetId === value.id) return 'undoes itself';
	if (isContentEvent(value as { type: string })) return contentProblem(value as never);
	return null;
}

/** Two events are the same when every field is (events are flat records of plain values). */
export function sameEvent(a: CardEvent, b: CardEvent): boolean {
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	return ka.every((k) => (a as unknown as Record<string, unknown>)[k] === (b as unknown as Record<string, unknown>)[k]);
}

export type ParsedBackup =
	| {
			ok: true;
			backup: BackupFile;
			/** Events the file lists more than once, identically (dropped: the log is a set). */
			repeated: number;
	  }
	| { ok: false; reason: string };

/**
 * Reads a backup file's text and checks all of it before anything touches the database: the format
 * marker, the schema version, the settings, and every event's shape, id and time. Events repeated
 * identically are kept once; two different events with one id reject the file (one of them would be
 * silently lost otherwise). Pure: the caller passes the current time.
 */
export function parseBackup(text: string, nowMillis: number): ParsedBackup {
	const fail = (reason: string): ParsedBackup => ({ ok: false, reason });
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		return fail(`The file is not valid JSON, so it is damaged or incomplete (${(e as Error).message}).`);
	}
	if (!isObject(data) || data.format !== BACKUP_FORMAT) return fail('This is not a Paperdeck backup file.');
	const version = data.schemaVersion;
	if (!Number.isInteger(version) || (version as number) < 1) return fail(`The backup's schema version ${describe(version)} is not valid.`);
	if ((version as number) > BACKUP_SCHEMA_VERSION) {
		return fail(
			`This backup was made by a newer Paperdeck (backup schema ${version}; this app reads up to ${BACKUP_SCHEMA_VERSION}). Update the app, then import it again.`
		);
	}
	if (typeof data.appVersion !== 'string') return fail('The backup does not say which app version wrote it.');
	if (!isInt(data.exportedAtMillis)) return fail('The backup has no valid export time.');
	const settingsIssue = settingsProblem(data.settings);
	if (settingsIssue) return fail(`The backup's settings are damaged: ${settingsIssue}.`);
	if (!isObject(data.custom)) return fail('The backup has no "custom" section (it must be an object, even if empty).');
	if (!Array.isArray(data.events)) return fail('The backup has no list of events.');

	const byId = new Map<string, { event: CardEvent; index: number }>();
	const events: CardEvent[] = [];
	let repeated = 0;
	for (let i = 0; i < data.events.length; i++) {
		const raw: unknown = data.events[i];
		const problem = eventProblem(raw, nowMillis);
		const where = `Event ${i + 1} of ${data.events.length}`;
		if (problem) {
			const id = isObject(raw) && typeof raw.id === 'string' ? ` (id ${describe(raw.id)})` : '';
			return fail(`${where}${id} ${problem}.`);
		}
		const event = raw as CardEvent;
		const seen = byId.get(event.id);
		if (seen) {
			if (!sameEvent(seen.event, event)) {
				return fail(`Events ${seen.index + 1} and ${i + 1} share the id ${describe(event.id)} but differ: the file is damaged.`);
			}
			repeated++;
			continue;
		}
		byId.set(event.id, { event, index: i });
		events.push(event);
	}
	let settingsEvents: SettingsEvent[] | undefined;
	if (data.settingsEvents !== undefined) {
		if (!Array.isArray(data.settingsEvents)) return fail('The backup\'s settings events are not a list.');
		const seen = new Map<string, string>();
		settingsEvents = [];
		for (let i = 0; i < data.settingsEvents.length; i++) {
			const raw: unknown = data.settingsEvents[i];
			const problem = settingsEventProblem(raw, nowMillis);
			if (problem) return fail(`Settings event ${i + 1} of ${data.settingsEvents.length} ${problem}.`);
			const event = raw as SettingsEvent;
			const text = canonicalJson(event);
			const before = seen.get(event.id);
			if (before !== undefined && before !== text) return fail(`Two settings events share the id ${describe(event.id)} but differ: the file is damaged.`);
			if (before === undefined) settingsEvents.push(event);
			seen.set(event.id, text);
		}
	}
	return {
		ok: true,
		repeated,
		backup: {
			format: BACKUP_FORMAT,
			schemaVersion: version as number,
			appVersion: data.appVersion,
			exportedAtMillis: data.exportedAtMillis as number,
			settings: data.settings as Settings,
			custom: data.custom,
			events,
			...(settingsEvents ? { settingsEvents } : {})
		}
	};
}

export type MergePlan = { ok: true; fresh: CardEvent[]; present: number } | { ok: false; reason: string };

/**
 * Splits incoming events into those the log lacks and those it already has. `stored[i]` is the log's
 * event with `incoming[i]`'s id, if any. An id the log holds with different content rejects the
 * whole merge: event ids are unique, so one of the two copies is corrupt and neither may be dropped.
 */
export function planMerge(incoming: readonly CardEvent[], stored: readonly (CardEvent | undefined)[]): MergePlan {
	const fresh: CardEvent[] = [];
	let present = 0;
	for (let i = 0; i < incoming.length; i++) {
		const mine = stored[i];
		const theirs = incoming[i]!;
		if (!mine) fresh.push(theirs);
		else if (sameEvent(mine, theirs)) present++;
		else {
			return {
				ok: false,
				reason: `The backup's event ${describe(theirs.id)} has the same id as a different event already in your collection: one of them is damaged, so nothing was imported.`
			};
		}
	}
	return { ok: true, fresh, present };
}
