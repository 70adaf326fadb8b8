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

export function openPdf(data: Uint8Array): pdfjsLib.PDFDocumentLoadingTask {
  return pdfjsLib.getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    // Fonts the PDF does not embed fall back to system fonts; no fetches of font or cmap files.
    useSystemFonts: true,
    disableFontFace: false,
  });
}

export { pdfjsLib };
