/**
 * The few CouchDB HTTP endpoints replication needs, on one database, with every failure turned into a
 * `SyncError`. Signs in with a cookie session (`/_session`) when the browser keeps the cookie for
 * the server, so the password need not be stored; otherwise each request carries Basic credentials.
 */
import type { Checkpoint, Seq } from '../core/sync/checkpoint.ts';
import type { EventDocument } from '../core/sync/eventDocument.ts';
import { SyncError } from './syncError.ts';

export interface Credentials {
	username: string;
	password: string;
}

export interface CouchOptions {
	/** Basic credentials for every request; null to rely on a session cookie. */
	credentials: Credentials | null;
	timeoutMillis?: number;
	fetch?: typeof fetch;
}

export interface ChangeRow {
	id: string;
	seq: Seq;
	changes: { rev: string }[];
	deleted?: boolean;
	/** The winning revision's body, when asked for (`include_docs`). */
	doc?: unknown;
}

export interface DatabaseInfo {
	db_name: string;
	doc_count: number;
	update_seq: Seq;
}

function basic({ username, password }: Credentials): string {
	const bytes = new TextEncoder().encode(`${username}:${password}`);
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return `Basic ${btoa(binary)}`;
}

export class CouchDatabase {
	readonly url: string;
	readonly #options: CouchOptions;
	/** Whether `_bulk_get` exists here (CouchDB 2.0 on; asked once, then remembered). */
	#bulkGet: boolean | null = null;

	constructor(url: string, options: CouchOptions) {
		this.url = url;
		this.#options = options;
	}

	get origin(): string {
		return new URL(this.url).origin;
	}

	/** Any request to the server, with credentials, a timeout and errors classified. */
	async request(path: string, init: RequestInit & { json?: unknown; anonymous?: boolean; base?: string } = {}): Promise<Response> {
		const fetchImpl = this.#options.fetch ?? fetch;
		const headers: Record<string, string> = { accept: 'application/json' };
		if (init.json !== undefined) headers['content-type'] = 'application/json';
		if (this.#options.credentials && !init.anonymous) headers.authorization = basic(this.#options.credentials);
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), this.#options.timeoutMillis ?? 30_000);
		const target = (init.base ?? this.url) + path;
		try {
			return await fetchImpl(target, {
				method: init.method ?? 'GET',
				headers,
				body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
				credentials: init.anonymous ? 'omit' : 'include',
				signal: controller.signal,
				cache: 'no-store'
			});
		} catch (e) {
			if (controller.signal.aborted) throw new SyncError('timeout', `no answer from ${target} in time`);
			// A browser reports a CORS refusal and an unreachable server alike; a request that needs no CORS
			// tells them apart (it gets through when only CORS refused).
			const reached = await fetchImpl(target, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' }).then(
				() => true,
				() => false
			);
			throw new SyncError(reached && typeof document !== 'undefined' ? 'cors' : 'unreachable', (e as Error).message);
		} finally {
			clearTimeout(timer);
		}
	}

	/** The response's JSON, after mapping error statuses to `SyncError`s. */
	async json<T>(path: string, init: Parameters<CouchDatabase['request']>[1] = {}): Promise<T> {
		const res = await this.request(path, init);
		let body: unknown = null;
		const text = await res.text();
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			throw new SyncError('notCouch', `${res.status} with a body that is not JSON`);
		}
		if (res.ok) return body as T;
		const reason = (body as { reason?: string } | null)?.reason ?? '';
		if (res.status === 401) throw new SyncError('unauthorized', reason);
		if (res.status === 403) throw new SyncError('forbidden', reason);
		if (res.status === 404) throw new SyncError('notFound', reason);
		if (res.status >= 500) throw new SyncError('server', `${res.status} ${reason}`);
		throw new SyncError('notCouch', `${res.status} ${reason}`);
	}

	/** Starts a cookie session (CouchDB `/_session`). True when the server accepted the name and password. */
	async signIn(credentials: Credentials): Promise<void> {
		await this.json('/_session', { method: 'POST', base: this.origin, json: { name: credentials.username, password: credentials.password } });
	}

	/** The database's info; throws `notCouch` when the answer is not a CouchDB database's. */
	async info(): Promise<DatabaseInfo> {
		const info = await this.json<DatabaseInfo>('');
		if (!info || typeof info.db_name !== 'string' || info.update_seq === undefined) throw new SyncError('notCouch', 'no db_name');
		return info;
	}

	/** True when the database answers a request without any credentials: anyone can read it. */
	async admitsAnyone(): Promise<boolean> {
		try {
			const res = await this.request('', { anonymous: true });
			return res.ok;
		} catch {
			return false;
		}
	}

	/** The changes after `since`, at most `limit`; with the documents' bodies when `includeDocs`. */
	async changes(since: Seq, limit: number, includeDocs = false): Promise<{ results: ChangeRow[]; last_seq: Seq }> {
		const query = `?style=all_docs&since=${encodeURIComponent(String(since))}&limit=${limit}${includeDocs ? '&include_docs=true' : ''}`;
		return this.json(`/_changes${query}`);
	}

	/** Which of these revisions the server lacks. */
	async revsDiff(revs: Record<string, string[]>): Promise<Record<string, { missing: string[] }>> {
		if (Object.keys(revs).length === 0) return {};
		return this.json('/_revs_diff', { method: 'POST', json: revs });
	}

	/** Stores documents exactly as given (`new_edits: false`: revisions are ours, so a re-push is a no-op). */
	async bulkDocs(docs: EventDocument[]): Promise<void> {
		if (docs.length === 0) return;
		const results = await this.json<{ id: string; error?: string; reason?: string }[]>('/_bulk_docs', {
			method: 'POST',
			json: { docs, new_edits: false }
		});
		const failed = (results ?? []).find((r) => r.error);
		if (failed) throw new SyncError(failed.error === 'forbidden' ? 'forbidden' : 'server', `${failed.id}: ${failed.error} ${failed.reason ?? ''}`);
	}

	/** The documents at these revisions: `_bulk_get` where the server has it, else `_all_docs` with bodies. */
	async getDocs(refs: { id: string; rev: string }[]): Promise<unknown[]> {
		if (refs.length === 0) return [];
		if (this.#bulkGet !== false) {
			try {
				const res = await this.json<{ results: { id: string; docs: ({ ok: unknown } | { error: unknown })[] }[] }>('/_bulk_get?revs=false', {
					method: 'POST',
					json: { docs: refs }
				});
				this.#bulkGet = true;
				return res.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : [])));
			} catch (e) {
				if (this.#bulkGet === true || !(e instanceof SyncError) || !['notFound', 'notCouch'].includes(e.kind)) throw e;
				this.#bulkGet = false;
			}
		}
		const res = await this.json<{ rows: { doc?: unknown }[] }>('/_all_docs?include_docs=true', { method: 'POST', json: { keys: refs.map((r) => r.id) } });
		return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
	}

	async getCheckpoint(id: string): Promise<(Checkpoint & { _rev?: string }) | null> {
		try {
			return await this.json(`/_local/${encodeURIComponent(id)}`);
		} catch (e) {
			if (e instanceof SyncError && e.kind === 'notFound') return null;
			throw e;
		}
	}

	/** Saves a checkpoint; returns its new revision (needed for the next save). */
	async putCheckpoint(id: string, checkpoint: Checkpoint, rev: string | undefined): Promise<string> {
		const res = await this.json<{ rev: string }>(`/_local/${encodeURIComponent(id)}`, {
			method: 'PUT',
			json: { ...checkpoint, ...(rev ? { _rev: rev } : {}) }
		});
		return res.rev;
	}
}
