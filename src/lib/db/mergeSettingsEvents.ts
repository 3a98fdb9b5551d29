import { canonicalJson } from '../core/canonicalJson.ts';
import type { SettingsEvent } from '../core/settingsEvent.ts';
import type { PaperdeckDatabase } from './database.ts';

export interface SettingsMerge {
	added: number;
	/** Ids the log already holds with different content (the stored one is kept). */
	collisions: string[];
}

/**
 * Adds settings events the log lacks (a set union by id). An id naming a different stored settings
 * event is reported, never overwritten. Call inside a transaction on `settingsLog`.
 */
export async function mergeSettingsEvents(db: PaperdeckDatabase, events: readonly SettingsEvent[]): Promise<SettingsMerge> {
	const stored = await db.settingsLog.bulkGet(events.map((e) => e.id));
	const fresh: SettingsEvent[] = [];
	const collisions: string[] = [];
	const seen = new Set<string>();
	events.forEach((e, i) => {
		const mine = stored[i];
		if (seen.has(e.id)) return;
		seen.add(e.id);
		if (!mine) fresh.push(structuredClone(e));
		else if (canonicalJson(mine) !== canonicalJson(e)) collisions.push(e.id);
	});
	if (fresh.length > 0) await db.settingsLog.bulkAdd(fresh);
	return { added: fresh.length, collisions };
}
