import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, PNG_SIZES } from '../../scripts/icons.js';

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the app icons the installers and windows use', () => {
  it('resources/icon.ico holds the "iO" mark at every size Windows asks for, each a valid PNG of that size', () => {
    const ico = readFileSync('resources/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico.readUInt8(e) || 256;
      expect(ico.readUInt8(e + 1) || 256).toBe(size);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect([...ICO_SIZES]).toEqual(sizes);
  });

  it('Linux gets NxN.png from 16 to 1024 px, and the window icon is 512 px', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(`resources/icons/${size}x${size}.png`)), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
    expect([...PNG_SIZES]).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
    expect(pngSize(readFileSync('resources/icon.png'))).toEqual({ width: 512, height: 512 });
  });

  it('electron-builder names files that exist, and packs the window icon', () => {
    const yml = readFileSync('electron-builder.yml', 'utf8');
    const win = /^win:\n(?:  .*\n)*?  icon: (\S+)$/mu.exec(yml)?.[1];
    const linux = /^linux:\n(?:  .*\n)*?  icon: (\S+)$/mu.exec(yml)?.[1];
    expect(win).toBe('resources/icon.ico');
    expect(linux).toBe('resources/icons');
    expect(existsSync(win!) && existsSync(`${linux}/256x256.png`)).toBe(true);
    expect(yml).toMatch(/^files:\n(?:  .*\n)*?  - resources\/icon\.png$/mu);
  });
});
