import { Alert, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementResult } from '../../../shared/outgoing/index.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { openPdf } from '../../components/pdf/pdfjs.js';

/** The whole page, small (where on the page), and the close-up beside the box, wide (what it covers). */
const WIDTH = 280;
const ZOOM_WIDTH = 400;
/** The page is drawn this much sharper than shown, so the close-up of the signature's place stays legible. */
const DETAIL = 3;
/** Around the box, in PDF points, in the close-up. */
const MARGIN = { x: 70, y: 45 };

type Box = PlacementResult['signerRect'];

/**
 * Where the signature goes: the page of the PDF that carries it, drawn with pdf.js, and the
 * box the engine found (`outgoing.placement`, PDF points from the page's lower left) drawn
 * over it — the signer's box, or for the seal the seal's box beside the signer's.
 */
export function SignaturePreview({ sha256, mode }: { sha256: string; mode: 'sign' | 'seal' }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { conn, lang } = useApp();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<HTMLCanvasElement>(null);
  const [placement, setPlacement] = useState<PlacementResult | null>(null);
  const [scale, setScale] = useState(0);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<typeof openPdf> | null = null;
    setError(null);
    setPlacement(null);
    void (async () => {
      try {
        const [place] = await Promise.all([rpc.call('outgoing.placement', { sha256 }), rpc.call('files.open', { sha256 })]);
        const res = await fetch(conn.fileUrl(sha256));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (cancelled) return;
        task = openPdf(bytes);
        const pdf = await task.promise;
        const box = mode === 'seal' ? place.sealRect : place.signerRect;
        const page = await pdf.getPage(box.page + 1);
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const base = page.getViewport({ scale: 1 });
        const s = WIDTH / base.width;
        const dpr = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: s * dpr * DETAIL });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${WIDTH}px`;
        canvas.style.height = `${Math.floor(viewport.height / dpr / DETAIL)}px`;
        await page.render({ canvas, viewport }).promise;
        if (cancelled) return;
        drawCloseUp(canvas, zoomRef.current, place, mode, base.height, viewport.scale);
        setScale(s);
        setPlacement(place);
      } catch (err) {
        if (!cancelled) setError(err);
      }
    })();
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [rpc, conn, sha256, mode]);

  const pageHeight = (b: Box): number => placement?.pages[b.page]?.height ?? 0;
  const boxStyle = (b: Box): React.CSSProperties => ({
    left: b.rect.x * scale,
    top: (pageHeight(b) - b.rect.y - b.rect.height) * scale,
    width: b.rect.width * scale,
    height: b.rect.height * scale,
  });
  const main = placement ? (mode === 'seal' ? placement.sealRect : placement.signerRect) : null;

  return (
    <div className="out-sign-preview" data-testid="out-sign-preview" data-ready={placement ? 'true' : 'false'}>
      {error !== null ? (
        <Alert type="warning" showIcon title={t('outgoing.sign.previewFailed', { reason: errorText(error, lang, '') })} />
      ) : (
        <>
          <div className="out-sign-page">
            <canvas ref={canvasRef} width={WIDTH} height={Math.round(WIDTH * 1.414)} />
            {!placement && (
              <div className="out-sign-page-loading">
                <Spin />
              </div>
            )}
            {placement && main && (
              <>
                {mode === 'seal' && placement.signerRect.page === main.page && <div className="out-sign-box is-other" style={boxStyle(placement.signerRect)} />}
                <div className={`out-sign-box is-${mode}`} style={boxStyle(main)} data-testid="out-sign-box">
                  <span>{mode === 'seal' ? t('outgoing.sign.sealHere') : t('outgoing.sign.signHere')}</span>
                </div>
              </>
            )}
          </div>
          <Typography.Text type="secondary" hidden={!placement}>
            {t('outgoing.sign.zoom')}
          </Typography.Text>
          <div className="out-sign-zoom" hidden={!placement}>
            <canvas ref={zoomRef} width={ZOOM_WIDTH} height={1} data-testid="out-sign-zoom" />
          </div>
          {placement && main && (
            <Typography.Text type="secondary" className="out-sign-where" data-testid="out-sign-where">
              {t('outgoing.sign.where', { page: main.page + 1, pages: placement.pageCount })}
              {mode === 'seal' && !placement.numberFound ? ` ${t('outgoing.sign.numberNotFound')}` : ''}
            </Typography.Text>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The close-up: the page around the box, cut from the sharp page drawing, with the box outlined
 * (for the seal also the signer's box it overlaps, dashed) — on a letter the whole page is too
 * small to see what the signature will cover.
 */
function drawCloseUp(page: HTMLCanvasElement, target: HTMLCanvasElement | null, place: PlacementResult, mode: 'sign' | 'seal', pageHeight: number, scale: number): void {
  if (!target) return;
  const main = mode === 'seal' ? place.sealRect : place.signerRect;
  // The seal covers part of the signer's signature: the close-up shows both.
  const other = mode === 'seal' && place.signerRect.page === main.page ? place.signerRect.rect : main.rect;
  const left = Math.min(main.rect.x, other.x);
  const bottom = Math.min(main.rect.y, other.y);
  const r = { x: left, y: bottom, width: Math.max(main.rect.x + main.rect.width, other.x + other.width) - left, height: Math.max(main.rect.y + main.rect.height, other.y + other.height) - bottom };
  // Page points → canvas pixels (the PDF's origin is the lower left, the canvas's the upper left).
  const x0 = Math.max(0, (r.x - MARGIN.x) * scale);
  const y0 = Math.max(0, (pageHeight - r.y - r.height - MARGIN.y) * scale);
  const w = Math.min(page.width - x0, (r.width + 2 * MARGIN.x) * scale);
  const h = Math.min(page.height - y0, (r.height + 2 * MARGIN.y) * scale);
  const dpr = window.devicePixelRatio || 1;
  const out = ZOOM_WIDTH * dpr;
  const k = out / w;
  target.width = Math.round(out);
  target.height = Math.round(h * k);
  target.style.width = `${ZOOM_WIDTH}px`;
  target.style.height = `${Math.round((h * k) / dpr)}px`;
  const g = target.getContext('2d');
  if (!g) return;
  g.drawImage(page, x0, y0, w, h, 0, 0, target.width, target.height);
  const outline = (b: Box, colour: string, dashed: boolean): void => {
    g.save();
    g.strokeStyle = colour;
    g.lineWidth = 2 * dpr;
    g.setLineDash(dashed ? [6 * dpr, 4 * dpr] : []);
    g.strokeRect((b.rect.x * scale - x0) * k, ((pageHeight - b.rect.y - b.rect.height) * scale - y0) * k, b.rect.width * scale * k, b.rect.height * scale * k);
    g.restore();
  };
  if (mode === 'seal' && place.signerRect.page === main.page) outline(place.signerRect, '#8c96a5', true);
  outline(main, mode === 'seal' ? '#cf1322' : '#1a56a8', false);
}
