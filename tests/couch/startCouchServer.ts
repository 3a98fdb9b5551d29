/**
 * A CouchDB-protocol server for tests: express-pouchdb in fullCouchDB mode (admins, _users, _security
 * members, Basic auth, /_session cookies) over in-memory PouchDB, inside an Express 4 app that sends
 * the CORS headers a CouchDB configured for the app's origin would. Loopback only.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface CouchServer {
	/** e.g. http://127.0.0.1:5984 (no trailing slash). */
	origin: string;
	/** An admin's Basic credentials, for set-up requests. */
	adminAuth: string;
	/** Creates a database whose only member is `user` (created with `password`), and returns its URL. */
	createDatabase(name: string, members?: { user: string; password: string }): Promise<string>;
	/** Requests as the admin. */
	admin(path: string, init?: RequestInit): Promise<Response>;
	/** Drops every open connection (a server dying mid-request). */
	dropConnections(): void;
	stop(): Promise<void>;
	/** Starts listening again on the same port, with the same data (after `stop`). */
	restart(): Promise<void>;
}

export interface CouchServerOptions {
	/** Origins allowed by CORS (credentials included). */
	allowedOrigins?: string[];
	port?: number;
	/** Called before each request reaches the database: return false to drop the connection instead. */
	intercept?: (req: { method: string; url: string }) => boolean;
	/** Called when each response has been sent, with the time the server took (benchmarks). */
	onResponse?: (req: { method: string; url: string; millis: number }) => void;
}

let instances = 0;
let pouch: any = null;

/**
 * PouchDB 9 (pouchdb-core with the memory and http adapters, map/reduce and replication): the server's
 * storage and, in the interop test, an independent replicator. Plugins register once per process.
 */
export function pouchConstructor(): any {
	pouch ??= require('pouchdb-core')
		.plugin(require('pouchdb-adapter-memory'))
		.plugin(require('pouchdb-adapter-http'))
		.plugin(require('pouchdb-mapreduce'))
		.plugin(require('pouchdb-replication'));
	return pouch;
}

export async function startCouchServer(options: CouchServerOptions = {}): Promise<CouchServer> {
	const express = require('express');
	const PouchDB = pouchConstructor();
	// Each server gets its own prefix so two servers in one process never share a memory database.
	const prefix = `couch${++instances}_${process.pid}_`;
	const Memory = PouchDB.defaults({ adapter: 'memory', prefix });
	const app = express();
	const allowed = new Set(options.allowedOrigins ?? []);
	app.use((req: any, res: any, next: any) => {
		const origin = req.headers.origin;
		if (origin && allowed.has(origin)) {
			res.setHeader('Access-Control-Allow-Origin', origin);
			res.setHeader('Access-Control-Allow-Credentials', 'true');
			res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE, OPTIONS');
			res.setHeader('Access-Control-Allow-Headers', 'accept, authorization, content-type, origin, referer');
			res.setHeader('Access-Control-Expose-Headers', 'content-type, cache-control, etag');
			res.setHeader('Vary', 'Origin');
			if (req.method === 'OPTIONS') return res.status(204).end();
		}
		if (options.onResponse) {
			const start = performance.now();
			const { method, url } = req;
			res.on('finish', () => options.onResponse!({ method, url, millis: performance.now() - start }));
		}
		if (options.intercept && !options.intercept({ method: req.method, url: req.url })) {
			req.socket.destroy();
			return;
		}
		next();
	});
	const pouchApp = require('express-pouchdb')(Memory, { mode: 'fullCouchDB', inMemoryConfig: true, logPath: '/dev/null' });
	app.use(pouchApp);

	const sockets = new Set<import('node:net').Socket>();
	let server: Server;
	let port = options.port ?? 0;
	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server = app.listen(port, '127.0.0.1', () => {
				port = (server.address() as AddressInfo).port;
				resolve();
			});
			server.on('error', reject);
			server.on('connection', (s) => {
				sockets.add(s);
				s.on('close', () => sockets.delete(s));
			});
		});
	await listen();
	const origin = `http://127.0.0.1:${port}`;
	const adminAuth = 'Basic ' + Buffer.from('admin:admin-secret').toString('base64');
	const raw = (path: string, init: RequestInit = {}) =>
		fetch(origin + path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
	// The server starts in "admin party"; creating an admin ends it.
	let res = await raw('/_config/admins/admin', { method: 'PUT', body: JSON.stringify('admin-secret') });
	if (!res.ok) throw new Error(`couch set-up: admin ${res.status} ${await res.text()}`);
	const admin = (path: string, init: RequestInit = {}) =>
		raw(path, { ...init, headers: { authorization: adminAuth, ...(init.headers ?? {}) } });
	const known = new Set<string>();
	return {
		origin,
		adminAuth,
		admin,
		async createDatabase(name, members) {
			res = await admin(`/${name}`, { method: 'PUT' });
			if (!res.ok) throw new Error(`couch set-up: create ${name}: ${res.status} ${await res.text()}`);
			if (members) {
				if (!known.has(members.user)) {
					res = await admin(`/_users/org.couchdb.user:${members.user}`, {
						method: 'PUT',
						body: JSON.stringify({ name: members.user, password: members.password, roles: [], type: 'user' })
					});
					if (!res.ok) throw new Error(`couch set-up: user ${members.user}: ${res.status} ${await res.text()}`);
					known.add(members.user);
				}
				res = await admin(`/${name}/_security`, {
					method: 'PUT',
					body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [members.user], roles: [] } })
				});
				if (!res.ok) throw new Error(`couch set-up: security ${name}: ${res.status} ${await res.text()}`);
			}
			return `${origin}/${name}`;
		},
		dropConnections() {
			for (const s of sockets) s.destroy();
		},
		async stop() {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
		restart: listen
	};
}
