/** Why a snapshot was taken. All but `auto` were asked for (by the user, or before a big change): kept a week. */
export type SnapshotReason = 'auto' | 'manual' | 'before-import' | 'before-restore';

export interface SnapshotInfo {
	id: number;
	takenAtMillis: number;
	/** The study day it was taken on. */
	day: number;
	reason: SnapshotReason;
}

export const DAILY_SNAPSHOT_DAYS = 7;
export const WEEKLY_SNAPSHOT_WEEKS = 4;

/** Monday-based week number of a study day (day 0, 1970-01-01, was a Thursday). */
function weekOf(day: number): number {
	return Math.floor((day + 3) / 7);
}

/**
 * The rolling set of snapshots worth keeping on study day `today`, as Anki keeps its automatic
 * backups: the newest of each of the last 7 days, the newest of each of the 4 calendar weeks before
 * this one, every snapshot of the last 7 days that was not automatic (taken by the user, or before an
 * import or a restore), and always the newest of all.
 * Calendar weeks (not sliding windows) keep a week's snapshot stable as days pass.
 *
 * @example
 * const keep = snapshotsToKeep(list, studyDay(now, clock));
 * const drop = list.filter((s) => !keep.has(s.id));
 */
export function snapshotsToKeep(list: readonly SnapshotInfo[], today: number): Set<number> {
	const keep = new Set<number>();
	const newestBy = new Map<string, SnapshotInfo>();
	const offer = (key: string, s: SnapshotInfo) => {
		const best = newestBy.get(key);
		if (!best || s.takenAtMillis > best.takenAtMillis || (s.takenAtMillis === best.takenAtMillis && s.id > best.id)) newestBy.set(key, s);
	};
	const thisWeek = weekOf(today);
	let newest: SnapshotInfo | null = null;
	for (const s of list) {
		if (!newest || s.takenAtMillis > newest.takenAtMillis || (s.takenAtMillis === newest.takenAtMillis && s.id > newest.id)) newest = s;
		const age = today - s.day;
		if (age < DAILY_SNAPSHOT_DAYS) {
			offer(`d${s.day}`, s);
			if (s.reason !== 'auto') keep.add(s.id);
		}
		const weeksAgo = thisWeek - weekOf(s.day);
		if (weeksAgo >= 1 && weeksAgo <= WEEKLY_SNAPSHOT_WEEKS) offer(`w${weeksAgo}`, s);
	}
	for (const s of newestBy.values()) keep.add(s.id);
	if (newest) keep.add(newest.id);
	return keep;
}
