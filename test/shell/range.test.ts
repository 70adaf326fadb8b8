import { describe, expect, it } from 'vitest';
import { parseRange, rangeResponse } from '../../src/main/web/policy/range.js';

describe('HTTP Range parsing', () => {
  const size = 1000;
  it('answers the forms pdf.js and resumed downloads use', () => {
    expect(parseRange(undefined, size)).toEqual({ kind: 'full' });
    expect(parseRange(null, size)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=100-', size)).toEqual({ kind: 'partial', start: 100, end: 999 });
    expect(parseRange('bytes=-100', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(parseRange('bytes=999-999', size)).toEqual({ kind: 'partial', start: 999, end: 999 });
    expect(parseRange(' Bytes = 5 - 9 ', size)).toEqual({ kind: 'partial', start: 5, end: 9 });
  });

  it('is unsatisfiable past the end (416)', () => {
    expect(parseRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5000-6000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not understand (the whole file, as RFC 9110 allows)', () => {
    for (const h of ['items=0-5', 'bytes=0-1,5-9', 'bytes=a-b', 'bytes=5-1', 'bytes=', 'bytes=-', 'bytes=1.5-2', 'bytes=0x10-', 'bytes=99999999999999999-', '', 'bytes 0-1'])
      expect(parseRange(h, size), h).toEqual({ kind: 'full' });
  });

  it('turns a range into status and headers', () => {
    expect(rangeResponse({ kind: 'full' }, size)).toMatchObject({ status: 200, headers: { 'Content-Length': '1000', 'Accept-Ranges': 'bytes' }, start: 0, end: 999 });
    expect(rangeResponse({ kind: 'partial', start: 10, end: 19 }, size)).toMatchObject({ status: 206, headers: { 'Content-Length': '10', 'Content-Range': 'bytes 10-19/1000' } });
    expect(rangeResponse({ kind: 'unsatisfiable' }, size)).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */1000' } });
  });
});
