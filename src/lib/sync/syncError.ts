/** What went wrong talking to the server, in categories the page words for people. */
export type SyncErrorKind =
	| 'unauthorized' // wrong username or password, or the session ended
	| 'forbidden' // signed in, but not allowed to use this database
	| 'notFound' // no such database
	| 'notCouch' // the address answers, but not as a CouchDB database
	| 'cors' // the server refuses requests from this app's address (CORS)
	| 'unreachable' // offline, or no server at that address
	| 'timeout'
	| 'server'; // the server failed (5xx) or refused a write

export class SyncError extends Error {
	constructor(
		readonly kind: SyncErrorKind,
		detail: string
	) {
		super(`${kind}: ${detail}`);
	}
}
