/**
 * The app's icons, from the one "iO" mark (src/renderer/public/favicon.svg), in
 * what the installers and windows need:
 *   resources/icon.ico            Windows (NSIS installer, exe, taskbar): 16–256 px, PNG entries
 *   resources/icon.png            512 px: the window and notification icon on Linux
 *   resources/icons/NxN.png       Linux (AppImage, .deb hicolor theme): 16–512 and 1024 px
 * Drawn by Chromium (the same renderer as the app, so the text of the mark looks
 * the same), packed into the ICO here (PNG-compressed entries: Windows Vista and later).
 * Run: `npx tsx scripts/icons.ts` (needs /usr/bin/chromium); the output is committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** An ICO file holding each PNG as is (the directory's 0 means 256). */
export function packIco(pngs: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  const dir = Buffer.alloc(16 * pngs.length);
  let offset = header.length + dir.length;
  pngs.forEach(({ size, png }, i) => {
    const e = i * 16;
    dir.writeUInt8(size >= 256 ? 0 : size, e);
    dir.writeUInt8(size >= 256 ? 0 : size, e + 1);
    dir.writeUInt8(0, e + 2); // no palette
    dir.writeUInt8(0, e + 3);
    dir.writeUInt16LE(1, e + 4); // colour planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(png.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, dir, ...pngs.map((p) => p.png)]);
}

async function main(): Promise<void> {
  const root = process.cwd();
  const svg = readFileSync(join(root, 'src/renderer/public/favicon.svg'), 'utf8');
  const out = join(root, 'resources');
  mkdirSync(join(out, 'icons'), { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map<number, Buffer>();
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `)}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      pngs.set(size, png);
      writeFileSync(join(out, 'icons', `${size}x${size}.png`), png);
    }
    writeFileSync(join(out, 'icon.png'), pngs.get(512)!);
    writeFileSync(join(out, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
    console.log(`icons: resources/icon.ico (${ICO_SIZES.join(', ')}), resources/icon.png (512), resources/icons/ (${PNG_SIZES.join(', ')})`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
