/**
 * Replication checkpoints as the CouchDB replication protocol keeps them: one per source/target pair,
 * stored on both sides (`_local/<replication id>` on the server, the `sync` table here). Each run has
 * a session id; a checkpoint records the run's sequence and a short history of earlier runs, so when
 * one side's write was lost (a crash between the two), both still agree on an earlier sequence and
 * replication restarts from there. Starting earlier only re-reads: applying events is idempotent.
 */
export type Seq = string | number;

export interface Checkpoint {
	session_id: string;
	source_last_seq: Seq;
	history: { session_id: string; recorded_seq: Seq }[];
}

const HISTORY = 20;

/** The sequence to resume from: the newest run both sides recorded, else the beginning. */
export function agreedSeq(local: Checkpoint | null | undefined, remote: Checkpoint | null | undefined): Seq {
	if (!local || !remote) return 0;
	if (local.session_id === remote.session_id && sameSeq(local.source_last_seq, remote.source_last_seq)) return local.source_last_seq;
	const theirs = new Map(remote.history.map((h) => [h.session_id, h.recorded_seq]));
	for (const h of local.history) {
		const seq = theirs.get(h.session_id);
		if (seq !== undefined && sameSeq(seq, h.recorded_seq)) return h.recorded_seq;
	}
	return 0;
}

function sameSeq(a: Seq, b: Seq): boolean {
	return String(a) === String(b);
}

/** The checkpoint after a batch of session `sessionId` reached `seq`. */
export function advanceCheckpoint(previous: Checkpoint | null | undefined, sessionId: string, seq: Seq): Checkpoint {
	const history = (previous?.history ?? []).filter((h) => h.session_id !== sessionId);
	return { session_id: sessionId, source_last_seq: seq, history: [{ session_id: sessionId, recorded_seq: seq }, ...history].slice(0, HISTORY) };
}
