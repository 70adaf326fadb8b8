import { Alert, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementResult } from '../../../shared/outgoing/index.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText } from '../../app/util.js';
import { openPdf } from '../../components/pdf/pdfjs.js';

const WIDTH = 400;

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
        const viewport = page.getViewport({ scale: s * dpr });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${WIDTH}px`;
        canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
        await page.render({ canvas, viewport }).promise;
        if (cancelled) return;
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
