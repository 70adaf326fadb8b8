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

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
