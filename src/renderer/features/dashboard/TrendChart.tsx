/**
 * The month-by-month trend: stacked bars of the four buckets and the on-time rate as a
 * line on its own axis, drawn by chart.js 4 on a canvas. Only the pieces used are
 * registered (tree-shaken build). chart.js draws on the canvas and sizes it through the
 * CSSOM (element.style), which the CSP's style-src does not govern; it injects no
 * <style> element and evaluates no code, so it lives under script-src 'self'.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BUCKET_LABELS, DASHBOARD_BUCKETS, type DashboardBucketName } from '../../../shared/dashboard/buckets.js';
import type { DashboardResult } from '../../../shared/dashboard/rpc.js';
import { useApp } from '../../app/AppContext.js';
import { monthLabel } from './period.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export const BUCKET_COLOR: Readonly<Record<DashboardBucketName, string>> = {
  onTime: '#52c41a',
  late: '#fa8c16',
  overdue: '#cf1322',
  notDue: '#8fb3e6',
};

interface Props {
  trend: DashboardResult['trend'];
  onPick(month: string, bucket: DashboardBucketName | null): void;
}

export function TrendChart({ trend, onPick }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const months = trend.map((r) => r.month);
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type: 'bar',
      data: {
        labels: months.map((m) => monthLabel(m, lang)),
        datasets: [
          ...DASHBOARD_BUCKETS.map((b) => ({
            type: 'bar' as const,
            label: BUCKET_LABELS[b][lang],
            data: trend.map((r) => r[b]),
            backgroundColor: BUCKET_COLOR[b],
            stack: 'records',
            yAxisID: 'count',
            order: 2,
          })),
          {
            type: 'line' as const,
            label: t('dashboard.trendRate'),
            data: trend.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
            borderColor: '#1a56a8',
            backgroundColor: '#1a56a8',
            yAxisID: 'rate',
            spanGaps: true,
            tension: 0.25,
            order: 1,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${c.formattedValue}${c.dataset.yAxisID === 'rate' ? '%' : ''}` } } },
        scales: {
          x: { stacked: true, grid: { display: false } },
          count: { type: 'linear', position: 'left', stacked: true, beginAtZero: true, title: { display: true, text: t('dashboard.trendCount') }, ticks: { precision: 0 } },
          rate: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: t('dashboard.trendRate') } },
        },
        // A bar opens the records behind it; elsewhere in a month, that month's records.
        onClick: (e, elements, chart) => {
          const hit = e.native ? chart.getElementsAtEventForMode(e.native, 'nearest', { intersect: true }, false)[0] : undefined;
          const el = hit ?? elements[0];
          if (!el) return;
          const month = months[el.index];
          if (!month) return;
          const bucket = hit && hit.datasetIndex < DASHBOARD_BUCKETS.length ? (DASHBOARD_BUCKETS[hit.datasetIndex] ?? null) : null;
          pickRef.current(month, bucket);
        },
        onHover: (e, elements) => {
          const target = e.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
        },
      },
    };
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
  }, [trend, lang, t]);

  return (
    <div className="dash-chart" data-testid="dashboard-trend">
      <canvas ref={canvasRef} role="img" aria-label={t('dashboard.trend')} />
    </div>
  );
}
