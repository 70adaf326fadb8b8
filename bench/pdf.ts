/** The demo seed's PDF generator: time and size per document (it renders thousands on first start). */
import { renderIncomingPdf, renderMultiPagePdf } from '../src/server/seed/content/pdf.js';
import { demoIncomingDocuments } from '../src/server/seed/content/documents.js';
import { demoOrganisation } from '../src/server/seed/content/organisation.js';
import { record } from './lib.js';

export async function benchPdf(): Promise<void> {
  const docs = [...demoIncomingDocuments(demoOrganisation(), { count: 300, endDate: new Date('2026-11-25T10:00:00+07:00'), years: 2 })];
  await renderIncomingPdf(docs[0]!.pdf); // fonts loaded
  let bytes = 0;
  const t = performance.now();
  for (const d of docs) bytes += (await renderIncomingPdf(d.pdf)).length;
  const each = (performance.now() - t) / docs.length;
  record('demo PDF generation (300 demo documents)', 'time per document', `${each.toFixed(1)} ms`, '< 30 ms', each < 30);
  record('demo PDF generation (300 demo documents)', 'average size', `${Math.round(bytes / docs.length / 1024)} KB`, '< 60 KB', bytes / docs.length < 60 * 1024);
  const t2 = performance.now();
  const twenty = await renderMultiPagePdf(20);
  record('demo PDF generation', '20-page PDF', `${(performance.now() - t2).toFixed(0)} ms, ${Math.round(twenty.length / 1024)} KB`);
}
