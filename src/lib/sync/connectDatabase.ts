/**
 * Connecting: check the address, sign in (a cookie session when the browser keeps the server's
 * cookie, else Basic credentials with the password stored on this device), check that it is a
 * CouchDB database this user may use, and count what it holds for the preview. Writes nothing.
 */
import { databaseUrlProblem, normalizeDatabaseUrl, type UrlProblem } from '../core/sync/databaseUrl.ts';
import { CouchDatabase, type Credentials } from './couchDatabase.ts';
import type { SyncAccount } from './syncAccount.ts';
import { SyncError } from './syncError.ts';

export interface ConnectPreview {
	account: SyncAccount;
	/** Documents in the database (events from other devices, maybe other things). */
	remoteDocuments: number;
}

export class UrlRejected extends Error {
	constructor(readonly problem: UrlProblem) {
		super(problem);
	}
}

export function remoteFor(account: SyncAccount, options: { fetch?: typeof fetch; timeoutMillis?: number } = {}): CouchDatabase {
	const credentials = account.mode === 'basic' ? { username: account.username, password: account.password ?? '' } : null;
	return new CouchDatabase(account.url, { credentials, ...options });
}

export async function connectDatabase(
	urlText: string,
	credentials: Credentials,
	options: { fetch?: typeof fetch; timeoutMillis?: number } = {}
): Promise<ConnectPreview> {
	const problem = databaseUrlProblem(urlText);
	if (problem) throw new UrlRejected(problem);
	const url = normalizeDatabaseUrl(urlText);
	let account: SyncAccount = { url, username: credentials.username, mode: 'session', publicDatabase: false };
	let remote = remoteFor(account, options);
	let info;
	try {
		await remote.signIn(credentials);
		info = await remote.info();
	} catch (e) {
		// The name and password were wrong, or the server is unreachable: nothing more to try.
		if (!(e instanceof SyncError) || ['timeout', 'unreachable', 'cors'].includes(e.kind)) throw e;
		if (e.kind === 'unauthorized' && !(await sessionWorked(remote, credentials))) throw e;
		// The session was refused or its cookie is not sent back (a third-party cookie): Basic it is.
		const signedIn = e.kind === 'unauthorized';
		account = { ...account, mode: 'basic', password: credentials.password };
		remote = remoteFor(account, options);
		try {
			info = await remote.info();
		} catch (again) {
			// The server took the name and password at /_session: a refusal now is about this database.
			if (signedIn && again instanceof SyncError && again.kind === 'unauthorized') throw new SyncError('forbidden', again.message);
			throw again;
		}
	}
	account.publicDatabase = await remote.admitsAnyone();
	return { account, remoteDocuments: info.doc_count };
}

/** Whether `/_session` accepts the credentials (so a later 401 means the cookie was not kept, not a wrong password). */
async function sessionWorked(remote: CouchDatabase, credentials: Credentials): Promise<boolean> {
	try {
		await remote.signIn(credentials);
		return true;
	} catch {
		return false;
	}
}
