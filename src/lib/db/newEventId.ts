/** A random, unique event id (UUID v4). */
export function newEventId(): string {
	return crypto.randomUUID();
}
