/**
 * Events as CouchDB documents: one immutable document per event, `_id` = the event id, the body = the
 * event. A document's revision is derived from its content, so every device that pushes the same
 * event pushes the same revision and the server never sees a conflict.
 */
import { canonicalJson } from '../canonicalJson.ts';
import { hashString } from '../hashString.ts';
import type { SettingsEvent } from '../settingsEvent.ts';
import { settingsEventProblem } from '../validateSettingsEvent.ts';
import type { CardEvent } from '../types.ts';
import { eventProblem } from '../validateBackup.ts';

/** Anything the log holds: card events and settings events. */
export type LogEvent = CardEvent | SettingsEvent;

export interface EventDocument {
	_id: string;
	_rev: string;
	[field: string]: unknown;
}

/** `1-` and 32 hex digits, like a CouchDB first revision, from the event's content alone. */
export function eventRevision(event: LogEvent): string {
	const text = canonicalJson(event);
	return `1-${(hashString(text, 1) + hashString(text, 2) + hashString(text, 3)).slice(0, 32)}`;
}

export function toDocument(event: LogEvent): EventDocument {
	return { _id: event.id, _rev: eventRevision(event), ...event };
}

export type ReadDocument =
	| { kind: 'card'; event: CardEvent }
	| { kind: 'settings'; event: SettingsEvent }
	/** Not a Paperdeck event (another app's document, a design document, a damaged or forged one). */
	| { kind: 'invalid'; id: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The event a pulled document holds, checked exactly as a backup's events are (`eventProblem`), or
 * why it is not one. CouchDB's own fields (`_rev`, `_revisions`, …) are set aside first.
 */
export function readDocument(doc: unknown, nowMillis: number): ReadDocument {
	if (!isObject(doc)) return { kind: 'invalid', id: '?', reason: 'is not an object' };
	const id = typeof doc._id === 'string' ? doc._id : '?';
	const body: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) body[key] = value;
	if (body.id !== id) return { kind: 'invalid', id, reason: 'its id is not the event id' };
	if (body.type === 'settings') {
		const problem = settingsEventProblem(body, nowMillis);
		return problem ? { kind: 'invalid', id, reason: problem } : { kind: 'settings', event: body as unknown as SettingsEvent };
	}
	const problem = eventProblem(body, nowMillis);
	return problem ? { kind: 'invalid', id, reason: problem } : { kind: 'card', event: body as unknown as CardEvent };
}
