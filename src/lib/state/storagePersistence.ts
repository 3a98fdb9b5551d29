/**
 * Persistent storage: without it the browser may evict the collection under storage pressure (Safari
 * also clears sites unused for seven days). Chromium grants it silently to sites a person uses (or
 * installs); Firefox asks. We ask after a completed review session, when it is clearly wanted.
 */
export interface StorageStatus {
	/** The browser has the Storage API at all. */
	supported: boolean;
	persisted: boolean;
	usageBytes: number | null;
	quotaBytes: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage?.persisted) return { supported: false, persisted: false, usageBytes: null, quotaBytes: null };
	const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate?.() ?? Promise.resolve({} as StorageEstimate)]);
	return { supported: true, persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
}

/** Asks the browser to keep the collection; true when storage is (now) persistent. */
export async function requestPersistence(): Promise<boolean> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage?.persist) return false;
	try {
		if (await storage.persisted()) return true;
		return await storage.persist();
	} catch {
		// Some engines reject instead of answering false (a refusal is not an error to show).
		return false;
	}
}
