/**
 * DOCX → PDF for signing (OUTGOING_RPC 'outgoing.convertToPdf'), where LibreOffice is
 * installed: `soffice --headless --convert-to pdf` in a private temporary folder (its own
 * user profile too, so a LibreOffice the user has open does not hold the conversion). The
 * PDF goes into the file cache like any picked file; the author then adds it as a version.
 *
 * Not every desk has LibreOffice (and none of the test machines do): then the answer is
 * `{ available: false }` and the screen asks for the PDF instead (docx_converter_missing).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/index.js';
import type { OutgoingContext } from './context.js';

const NAMES = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
const TIMEOUT_MS = 120_000;

/** The converter on PATH, or null. */
export function findSoffice(envPath: string = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: TIMEOUT_MS, windowsHide: true }, (err) => (err ? reject(err) : resolve()));
  });
}

export async function convertToPdf(
  ctx: Pick<OutgoingContext, 'files'>,
  p: { sha256: string; name: string },
): Promise<{ available: boolean; file: { sha256: string; name: string; size: number; mime: string } | null }> {
  const soffice = findSoffice();
  if (!soffice) return { available: false, file: null };
  const input = await ctx.files.bytes(p.sha256);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ioffice-docx-'));
  try {
    const src = path.join(dir, 'van-ban.docx');
    await fsp.writeFile(src, input);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, src]).catch((err: unknown) => {
      throw new AppError('docx_converter_missing', {}, { reason: String(err) });
    });
    const out = path.join(dir, 'van-ban.pdf');
    if (!fs.existsSync(out)) throw new AppError('docx_converter_missing', {}, { reason: 'no PDF written' });
    const name = `${p.name.replace(/\.(docx?|odt|rtf)$/iu, '') || 'van-ban'}.pdf`;
    const ref = await ctx.files.add(name, await fsp.readFile(out));
    return { available: true, file: { sha256: ref.sha256, name: ref.name, size: ref.size, mime: 'application/pdf' } };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
