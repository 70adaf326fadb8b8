/**
 * pdf.js set-up, imported before pdf.js's viewer components (which read the
 * library from globalThis.pdfjsLib when they load).
 * - The worker is a file of this build (Vite `?url`), so it loads from the page's
 *   own origin under worker-src 'self'.
 * - Documents are always opened with isEvalSupported: false (no eval under the CSP).
 */
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
(globalThis as unknown as { pdfjsLib: typeof pdfjsLib }).pdfjsLib = pdfjsLib;

/**
 * One pdf.js worker for the whole page: starting one parses ~1.2 MB of script, so
 * it is started once (warmUpPdf, at idle after sign-in) and every document reuses it.
 * A loading task given a worker does not terminate it when destroyed.
 */
let shared: pdfjsLib.PDFWorker | null = null;
function worker(): pdfjsLib.PDFWorker {
  if (!shared || shared.destroyed) shared = new pdfjsLib.PDFWorker();
  return shared;
}

export function warmUpPdf(): void {
  worker();
}

export function openPdf(data: Uint8Array): pdfjsLib.PDFDocumentLoadingTask {
  return pdfjsLib.getDocument({
    data,
    worker: worker(),
    isEvalSupported: false,
    enableXfa: false,
    // Fonts the PDF does not embed fall back to system fonts; no fetches of font or cmap files.
    useSystemFonts: true,
    disableFontFace: false,
  });
}

export { pdfjsLib };
