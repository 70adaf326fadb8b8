/**
 * Once the first screen is up and the browser is idle, load what opening a document
 * needs — its view, pdf.js, the viewer and the pdf.js worker (~1.8 MB of script) —
 * so the first document a user opens shows as quickly as the next one.
 */
export function warmUpDocumentViewer(): () => void {
  let cancelled = false;
  const run = (): void => {
    if (cancelled) return;
    void import('../features/incoming/DocumentView.js').catch(() => {});
    void import('../components/pdf/PdfViewer.js').catch(() => {});
    void import('../components/pdf/pdfjs.js').then((m) => m.warmUpPdf()).catch(() => {});
  };
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => {
      cancelled = true;
      window.cancelIdleCallback(id);
    };
  }
  const t = window.setTimeout(run, 1500);
  return () => {
    cancelled = true;
    window.clearTimeout(t);
  };
}
