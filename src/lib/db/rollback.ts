import type { BackupFile } from '../core/backupFile.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { isContentEvent } from '../core/contentEvents.ts';
import type { CardEvent, UndoEvent } from '../core/types.ts';
import type { OwnRenderer } from '../own/renderOwnMarkdown.ts';
import type { PaperdeckDatabase } from './database.ts';
import { planImport } from './importBackup.ts';
import { newEventId } from './newEventId.ts';
import { rebuildOwnContent } from './ownContentStore.ts';
import { mergeEvents } from './rebuildStates.ts';

/** What rolling back to a snapshot would cancel. */
export interface RollbackPreview {
	/** Events in the log that are not in the snapshot: each gets an undo. */
	undone: number;
	undoneReviews: number;
	cards: number;
	/** Events of the snapshot missing from the log: merged back first. */
	restored: number;
}

/** The log's events that a snapshot does not have. */
async function eventsSince(db: PaperdeckDatabase, snapshot: BackupFile): Promise<CardEvent[]> {
	const inSnapshot = new Set(snapshot.events.map((e) => e.id));
	const ids = (await db.events.toCollection().primaryKeys()).filter((id) => !inSnapshot.has(id));
	return (await db.events.bulkGet(ids)) as CardEvent[];
}

async function planRollback(db: PaperdeckDatabase, snapshot: BackupFile) {
	const plan = await planImport(db, snapshot.events);
	return { missing: plan.fresh, later: await eventsSince(db, snapshot) };
}

export async function previewRollback(db: PaperdeckDatabase, snapshot: BackupFile): Promise<RollbackPreview> {
	return db.transaction('r', db.events, async () => {
		const { missing, later } = await planRollback(db, snapshot);
		return {
			undone: later.length,
			undoneReviews: later.filter((e) => e.type === 'review').length,
			cards: new Set(later.map((e) => e.cardId)).size,
			restored: missing.length
		};
	});
}

/**
 * Brings every card back to its state in the snapshot without deleting anything: the snapshot's
 * missing events are merged back, and every later event gets an undo (an undo of an undo restores its
 * target, so later undos are reversed too). The log stays append-only, the rollback travels with
 * backups like any other action, and rolling back to a snapshot taken just before undoes it.
 * One transaction. Returns the number of events written.
 */
export async function rollbackToSnapshot(
	db: PaperdeckDatabase,
	snapshot: BackupFile,
	nowMillis: number,
	scheduler: Scheduler,
	/** The own-content renderer (`rendererForRebuild`), when the log or the snapshot holds own content. */
	render?: OwnRenderer
): Promise<number> {
	return db.transaction('rw', [db.events, db.states, db.cards, db.meta], async () => {
		const { missing, later } = await planRollback(db, snapshot);
		// An undo must come after its target, even one stamped ahead by another device's clock.
		const undos = later.map(
			(e): UndoEvent => ({ id: newEventId(), type: 'undo', cardId: e.cardId, atMillis: Math.max(nowMillis, e.atMillis + 1), targetId: e.id })
		);
		const written = await mergeEvents(db, [...missing, ...undos], scheduler);
		// Own papers and cards written since the snapshot go (and any it had come back): without this
		// they stayed on this device while every device it syncs with dropped them.
		if ([...missing, ...later].some(isContentEvent)) {
			if (!render) throw new Error('The own-content renderer was not loaded');
			await rebuildOwnContent(db, render, scheduler);
		}
		return written;
	});
}
