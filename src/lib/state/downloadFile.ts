/** Hands `data` to the browser as a file download named `fileName` (works offline: no server). */
export function downloadFile(data: string | Uint8Array, fileName: string, type = 'application/json'): void {
	const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	// The download has started from the object URL by now; free it a little later, not at once.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
