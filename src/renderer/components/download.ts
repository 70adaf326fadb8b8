import type { RpcClient } from '../../shared/rpc/client.js';

/**
 * Save bytes the page holds as a file the user keeps (a task's attachment, the
 * dashboard's XLSX): a blob: URL on a temporary link with `download`. The CSP has
 * no navigate-to and a download is not a fetch, so no directive is involved; the
 * URL is revoked once the browser has taken the bytes.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file of the core's cache saved under its name: made available (files.open), then fetched from the host's file URL. */
export async function downloadFile(rpc: RpcClient, fileUrl: (sha256: string) => string, f: { sha256: string; name: string }): Promise<void> {
  await rpc.call('files.open', { sha256: f.sha256 });
  const res = await fetch(fileUrl(f.sha256));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  saveBlob(await res.blob(), f.name);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
