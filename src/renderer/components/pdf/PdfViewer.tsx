import { DownloadOutlined, LeftOutlined, MenuOutlined, RightOutlined, SearchOutlined, UpOutlined, DownOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Input, InputNumber, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../shared/incoming/model.js';
import { RpcError } from '../../../shared/rpc/client.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { bodyText, type LocalizedBody } from '../../app/util.js';
import { openPdf, type pdfjsLib } from './pdfjs.js';
import { SignatureBadge, SignaturePanel, useSignatureChecks } from './SignaturePanel.js';
// After ./pdfjs.js (it sets globalThis.pdfjsLib, which the viewer components read as they load).
import { EventBus, FindState, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';

type PDFDocumentProxy = pdfjsLib.PDFDocumentProxy;

/** True when the text carries Vietnamese (or any non-ASCII) letters. */
const hasMarks = (q: string): boolean => /[^\u0000-\u007f]/u.test(q);

const ZOOMS = ['page-width', 'page-fit', '0.5', '0.75', '1', '1.25', '1.5', '2', '3'] as const;

interface Props {
  files: readonly FileRef[];
  /** Check the file's digital signatures (the badge and the "Chữ ký số" panel); off for the app's own printouts. */
  verify?: boolean;
}

/**
 * pdf.js viewer: pages, zoom, fit width, thumbnails, text search with highlighting,
 * download. The bytes come from the host's file URL after files.open has made the
 * file available on this machine (web: /files/<sha>; Electron: ioffice-file://<sha>).
 * Every file's digital signatures are checked by the core and shown beside the pages.
 */
export function PdfViewer({ files, verify = true }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { conn, lang } = useApp();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerElRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<PDFViewer | null>(null);
  const linkRef = useRef<PDFLinkService | null>(null);
  const busRef = useRef<EventBus | null>(null);
  const bytesRef = useRef<Uint8Array | null>(null);

  const [fileIndex, setFileIndex] = useState(0);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error' | 'unavailable'>('loading');
  /** The server's reason when it refuses the file for good (secret content), instead of "not downloaded yet". */
  const [refusal, setRefusal] = useState<LocalizedBody | null>(null);
  const [page, setPage] = useState(1);
  const [scaleValue, setScaleValue] = useState<string>('page-width');
  const [scale, setScale] = useState(1);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<{ current: number; total: number } | null>(null);
  const [findState, setFindState] = useState<number | null>(null);
  const [thumbs, setThumbs] = useState(true);
  const [signaturesOpen, setSignaturesOpen] = useState(false);
  const file = files[Math.min(fileIndex, files.length - 1)];
  const signatures = useSignatureChecks(verify ? file?.sha256 : undefined, status === 'ready');

  // The viewer, once.
  useEffect(() => {
    const container = containerRef.current;
    const viewerEl = viewerElRef.current;
    if (!container || !viewerEl) return;
    const eventBus = new EventBus();
    const linkService = new PDFLinkService({ eventBus });
    const findController = new PDFFindController({ eventBus, linkService });
    const viewer = new PDFViewer({ container, viewer: viewerEl, eventBus, linkService, findController, textLayerMode: 1, removePageBorders: false });
    linkService.setViewer(viewer);
    // Fitting scrolls to the page, which pdf.js cannot do while the viewer has no layout box
    // (hidden, or leaving the page): then the fit waits for the viewer to be shown.
    const shown = (): boolean => container.offsetParent !== null && container.clientWidth > 0;
    let fitWhenShown = false;
    eventBus.on('pagesinit', () => {
      if (shown()) viewer.currentScaleValue = 'page-width';
      else fitWhenShown = true;
    });
    eventBus.on('pagechanging', (e: { pageNumber: number }) => setPage(e.pageNumber));
    eventBus.on('scalechanging', (e: { scale: number; presetValue?: string }) => {
      setScale(e.scale);
      setScaleValue(e.presetValue ?? String(e.scale));
    });
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) => setMatches(e.matchesCount));
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { current: number; total: number } }) => {
      setFindState(e.state);
      setMatches(e.matchesCount);
    });
    viewerRef.current = viewer;
    linkRef.current = linkService;
    busRef.current = eventBus;
    // Keep "fit width"/"fit page" fitted when the panel is resized.
    const ro = new ResizeObserver(() => {
      const v = viewerRef.current;
      if (!v || !shown()) return;
      if (fitWhenShown && v.pagesCount > 0) {
        fitWhenShown = false;
        v.currentScaleValue = 'page-width';
        return;
      }
      // Setting the named scale again makes pdf.js fit the new size.
      // eslint-disable-next-line no-self-assign
      if (v.pagesCount > 0 && (v.currentScaleValue === 'page-width' || v.currentScaleValue === 'page-fit')) v.currentScaleValue = v.currentScaleValue;
    });
    ro.observe(container);
    return () => {
      ro.disconnect();
      viewer.setDocument(null as unknown as PDFDocumentProxy);
      viewerRef.current = null;
    };
  }, []);

  // The current file (by content: a re-read document view must not reload the viewer).
  const sha = file?.sha256;
  useEffect(() => {
    if (!sha) return;
    let cancelled = false;
    let task: ReturnType<typeof openPdf> | null = null;
    setStatus('loading');
    setRefusal(null);
    setDoc(null);
    setMatches(null);
    setFindState(null);
    bytesRef.current = null;
    void (async () => {
      try {
        await rpc.call('files.open', { sha256: sha });
      } catch (err) {
        if (cancelled) return;
        // A secret document's file, or one that is also a secret document's: refused for good, so say why.
        if (err instanceof RpcError && (err.code === 'content_withheld' || err.code === 'file_withheld')) setRefusal(err.body);
        setStatus('unavailable');
        return;
      }
      try {
        const res = await fetch(conn.fileUrl(sha));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (cancelled) return;
        bytesRef.current = bytes;
        // pdf.js transfers the buffer it is given to its worker: give it a copy.
        task = openPdf(bytes.slice());
        const pdf = await task.promise;
        if (cancelled) return;
        viewerRef.current?.setDocument(pdf);
        linkRef.current?.setDocument(pdf, null);
        setDoc(pdf);
        setPage(1);
        setStatus('ready');
      } catch {
        if (!cancelled) setStatus('error');
      }
    })();
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [sha, rpc, conn]);

  const find = useCallback(
    (type: '' | 'again', findPrevious = false) => {
      busRef.current?.dispatch('find', {
        source: null,
        type,
        query,
        caseSensitive: false,
        entireWord: false,
        highlightAll: true,
        findPrevious,
        // Vietnamese marks change the word (tỉnh ≠ tình): typed marks must match; a query without marks matches any.
        matchDiacritics: hasMarks(query),
      });
    },
    [query],
  );

  // Search as the user types (after a short pause).
  useEffect(() => {
    if (status !== 'ready') return;
    if (!query.trim()) {
      setMatches(null);
      setFindState(null);
      busRef.current?.dispatch('find', { source: null, type: '', query: '', highlightAll: true });
      return;
    }
    const h = setTimeout(() => find(''), 250);
    return () => clearTimeout(h);
  }, [query, status, find]);

  const setZoom = (v: string): void => {
    const viewer = viewerRef.current;
    if (!viewer) return;
    viewer.currentScaleValue = v;
  };
  const goTo = (n: number | null): void => {
    const viewer = viewerRef.current;
    if (!viewer || !n || !doc) return;
    viewer.currentPageNumber = Math.max(1, Math.min(doc.numPages, Math.round(n)));
  };
  const download = (): void => {
    const bytes = bytesRef.current;
    if (!bytes || !file) return;
    const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/pdf' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const zoomOptions = ZOOMS.map((z) => ({
    value: z,
    label: z === 'page-width' ? t('pdf.fitWidth') : z === 'page-fit' ? t('pdf.fitPage') : `${Math.round(Number(z) * 100)}%`,
  }));
  const zoomValue = (ZOOMS as readonly string[]).includes(scaleValue) ? scaleValue : 'custom';
  if (zoomValue === 'custom') zoomOptions.unshift({ value: 'custom' as (typeof ZOOMS)[number], label: `${Math.round(scale * 100)}%` });

  const notFound = findState === FindState.NOT_FOUND && query.trim() !== '';
  const ready = status === 'ready';

  return (
    <div className="pdf-viewer" data-testid="pdf-viewer" data-status={status}>
      <div className="pdf-toolbar">
        <Space size={4} wrap={false}>
          <Tooltip title={t('pdf.thumbnails')}>
            <Button size="small" type={thumbs ? 'primary' : 'default'} ghost={thumbs} icon={<MenuOutlined />} onClick={() => setThumbs((v) => !v)} aria-label={t('pdf.thumbnails')} />
          </Tooltip>
          {files.length > 1 && (
            <Select
              size="small"
              value={fileIndex}
              onChange={setFileIndex}
              options={files.map((f, i) => ({ value: i, label: f.name }))}
              className="pdf-file-select"
              aria-label={t('pdf.file')}
            />
          )}
          <Tooltip title={t('pdf.prevPage')}>
            <Button size="small" icon={<LeftOutlined />} disabled={!ready || page <= 1} onClick={() => goTo(page - 1)} aria-label={t('pdf.prevPage')} />
          </Tooltip>
          <InputNumber size="small" min={1} max={doc?.numPages ?? 1} value={page} onChange={(v) => goTo(v)} disabled={!ready} className="pdf-page-input" aria-label={t('pdf.page')} />
          <Typography.Text type="secondary" className="pdf-page-count" data-testid="pdf-page-count">
            {t('pdf.of', { total: doc?.numPages ?? 0 })}
          </Typography.Text>
          <Tooltip title={t('pdf.nextPage')}>
            <Button size="small" icon={<RightOutlined />} disabled={!ready || !doc || page >= doc.numPages} onClick={() => goTo(page + 1)} aria-label={t('pdf.nextPage')} />
          </Tooltip>
          <SignatureBadge result={signatures} open={signaturesOpen} onToggle={() => setSignaturesOpen((v) => !v)} />
        </Space>
        <Space size={4}>
          <Tooltip title={t('pdf.zoomOut')}>
            <Button size="small" icon={<ZoomOutOutlined />} disabled={!ready} onClick={() => viewerRef.current?.decreaseScale()} aria-label={t('pdf.zoomOut')} />
          </Tooltip>
          <Select size="small" value={zoomValue} onChange={(v) => v !== 'custom' && setZoom(v)} options={zoomOptions} disabled={!ready} className="pdf-zoom" aria-label={t('pdf.zoom')} data-testid="pdf-zoom" />
          <Tooltip title={t('pdf.zoomIn')}>
            <Button size="small" icon={<ZoomInOutlined />} disabled={!ready} onClick={() => viewerRef.current?.increaseScale()} aria-label={t('pdf.zoomIn')} />
          </Tooltip>
        </Space>
        <Space size={4} className="pdf-find">
          <Input
            size="small"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('pdf.find')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onPressEnter={(e) => find('again', e.shiftKey)}
            disabled={!ready}
            status={notFound ? 'error' : undefined}
            className="pdf-find-input"
            data-testid="pdf-find"
            aria-label={t('pdf.find')}
          />
          <Typography.Text type={notFound ? 'danger' : 'secondary'} className="pdf-find-count" data-testid="pdf-find-count">
            {notFound ? t('pdf.notFound') : matches && matches.total > 0 ? t('pdf.matches', { current: matches.current, total: matches.total }) : ''}
          </Typography.Text>
          <Tooltip title={t('pdf.findPrev')}>
            <Button size="small" icon={<UpOutlined />} disabled={!ready || !matches?.total} onClick={() => find('again', true)} aria-label={t('pdf.findPrev')} />
          </Tooltip>
          <Tooltip title={t('pdf.findNext')}>
            <Button size="small" icon={<DownOutlined />} disabled={!ready || !matches?.total} onClick={() => find('again', false)} aria-label={t('pdf.findNext')} />
          </Tooltip>
          <Tooltip title={t('pdf.download')}>
            <Button size="small" icon={<DownloadOutlined />} disabled={!ready} onClick={download} aria-label={t('pdf.download')} data-testid="pdf-download" />
          </Tooltip>
        </Space>
      </div>
      <div className="pdf-body">
        {thumbs && doc && <Thumbnails doc={doc} current={page} onPick={goTo} />}
        <div className="pdf-stage">
          <div ref={containerRef} className="pdf-container" tabIndex={-1}>
            <div ref={viewerElRef} className="pdfViewer" />
          </div>
          {status === 'loading' && (
            <div className="pdf-overlay">
              <Spin description={t('pdf.loading')} />
            </div>
          )}
          {(status === 'error' || status === 'unavailable') && (
            <div className="pdf-overlay">
              <Alert type={status === 'error' ? 'error' : 'warning'} showIcon title={status === 'error' ? t('pdf.error') : (refusal ? bodyText(refusal, lang) : t('pdf.unavailable'))} data-testid="pdf-unavailable" />
            </div>
          )}
        </div>
        {signaturesOpen && signatures && <SignaturePanel result={signatures} onClose={() => setSignaturesOpen(false)} />}
      </div>
    </div>
  );
}

const THUMB_WIDTH = 104;

function Thumbnails({ doc, current, onPick }: { doc: PDFDocumentProxy; current: number; onPick: (n: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Keep the current page's thumbnail in view.
  useEffect(() => {
    ref.current?.querySelector(`[data-page="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <div className="pdf-thumbs" ref={ref} aria-label={t('pdf.thumbnails')} data-testid="pdf-thumbs">
      {pages.map((n) => (
        <button type="button" key={n} data-page={n} className={n === current ? 'pdf-thumb is-current' : 'pdf-thumb'} onClick={() => onPick(n)} title={t('pdf.thumbLabel', { page: n })}>
          <Thumb doc={doc} pageNumber={n} root={ref} />
          <span className="pdf-thumb-label">{n}</span>
        </button>
      ))}
    </div>
  );
}

/** One page drawn small, only once it scrolls into view. */
function Thumb({ doc, pageNumber, root }: { doc: PDFDocumentProxy; pageNumber: number; root: React.RefObject<HTMLDivElement | null> }): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { root: root.current, rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [root]);
  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(pageNumber).then((page) => {
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const base = page.getViewport({ scale: 1 });
      const dpr = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (THUMB_WIDTH / base.width) * dpr });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${THUMB_WIDTH}px`;
      canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
      task = page.render({ canvas, viewport });
      task.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, visible]);
  return <canvas ref={canvasRef} className="pdf-thumb-canvas" width={THUMB_WIDTH} height={Math.round(THUMB_WIDTH * 1.414)} />;
}
