import { FileExcelOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Segmented, Skeleton, Table, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUCKET_LABELS, type DashboardBucketName } from '../../../shared/dashboard/buckets.js';
import type { Counts, DashboardParams, DashboardResult, DrillParams } from '../../../shared/dashboard/rpc.js';
import { isAgencyLeader } from '../../../shared/domain/org.js';
import { formatDateVi, vnToday } from '../../../shared/text/vietnamese.js';
import { useApp, useChanged, useMe, useRpc } from '../../app/AppContext.js';
import { errorText, sortUnits, unitName, userName } from '../../app/util.js';
import { saveBlob, XLSX_MIME } from '../../components/download.js';
import { filterTreeNode } from '../../components/pickerFilter.js';
import { DrillDrawer } from './DrillDrawer.js';
import { KIND_CHOICES, kindsOf, monthLabel, PERIOD_KINDS, periodLabel, periodRange, rateText, shiftPeriod, type DayRange, type KindChoice, type PeriodKind } from './period.js';
import { BUCKET_COLOR, TrendChart } from './TrendChart.js';
import './dashboard.css';

interface Choice {
  period: PeriodKind;
  /** A day inside the chosen week/month/quarter/year. */
  anchor: string;
  custom: DayRange;
  unitId: string | null;
  kinds: KindChoice;
}

/** What the leader last looked at, per signed-in user: coming back from a drilled-down record lands on the same figures. */
const memory = new Map<string, Choice>();

interface Drill {
  title: string;
  params: DrillParams;
}

type Row = Counts & { key: string; unitId: string | null; userId?: string | null };

const BUCKET_KEYS: readonly DashboardBucketName[] = ['onTime', 'late', 'overdue', 'notDue'];
const PICKER: Record<Exclude<PeriodKind, 'custom'>, 'week' | 'month' | 'quarter' | 'year'> = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' };

/** "Tình hình thực hiện": how the work with deadlines is done, for a period and a unit, from the local cache. */
export function DashboardPage(): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const me = useMe();
  const { org, lang, sync } = useApp();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Choice>(
    () =>
      memory.get(me.id) ?? {
        period: 'month',
        anchor: vnToday(),
        custom: periodRange('month', vnToday()),
        // An agency leader sees the whole agency; a unit leader starts from their unit.
        unitId: isAgencyLeader(me, org?.units ?? []) ? null : me.unitId,
        kinds: 'all',
      },
  );
  useEffect(() => {
    memory.set(me.id, choice);
  }, [me.id, choice]);
  const range = choice.period === 'custom' ? choice.custom : periodRange(choice.period, choice.anchor);
  const params = useMemo<DashboardParams>(() => ({ from: range.from, to: range.to, unitId: choice.unitId, kinds: kindsOf(choice.kinds) }), [range.from, range.to, choice.unitId, choice.kinds]);

  const [data, setData] = useState<DashboardResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    rpc.call('dashboard.get', params).then(
      (r) => {
        setData(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [rpc, params]);
  useEffect(load, [load]);
  useChanged(['tasks', 'incoming', 'org', 'session'], load, { delayMs: sync.state === 'syncing' ? 2000 : 400 });

  const units = useMemo(() => {
    if (!org) return [];
    type Node = { value: string; title: string; children: Node[] };
    const build = (parentId: string | null): Node[] => sortUnits(org.units.filter((u) => u.parentId === parentId)).map((u) => ({ value: u.id, title: u.name, children: build(u.id) }));
    return build(null);
  }, [org]);

  const label = periodLabel(choice.period, range, lang);
  /**
   * A unit's row counts its whole subtree (the core rolls sub-units up), and so does the
   * drill-down; only the scope's own unit (or the leadership unit) holds just the records
   * given to it directly, which the drill-down cannot single out: that row does not open.
   */
  const opensUnit = (unitId: string | null): boolean =>
    unitId !== null && unitId !== choice.unitId && (org?.units.find((u) => u.id === unitId)?.parentId ?? null) !== null;
  const scope = choice.unitId ? unitName(org, choice.unitId) : t('dashboard.wholeAgency');

  /** Open the records behind a number. */
  const open = (what: string, narrow: Partial<Pick<DrillParams, 'unitId' | 'userId' | 'month' | 'bucket'>>): void => {
    const bucket = narrow.bucket ? BUCKET_LABELS[narrow.bucket][lang] : t('dashboard.drill.all');
    const parts = [bucket, what, narrow.month ? t('dashboard.drill.month', { month: monthLabel(narrow.month, lang) }) : label].filter(Boolean);
    setDrill({
      title: t('dashboard.drill.title', { what: parts.join(' · ') }),
      params: { from: params.from, to: params.to, kinds: params.kinds, unitId: narrow.unitId !== undefined ? narrow.unitId : (params.unitId ?? null), userId: narrow.userId ?? null, month: narrow.month ?? null, bucket: narrow.bucket ?? null },
    });
  };

  const exportXlsx = async (): Promise<void> => {
    setExporting(true);
    try {
      const r = await rpc.call('dashboard.export', params);
      saveBlob(new Blob([r.bytes.slice().buffer], { type: XLSX_MIME }), r.name);
      void message.success(t('dashboard.exported', { name: r.name }));
    } catch (err) {
      void message.error(errorText(err, lang, t('dashboard.exportFailed')));
    } finally {
      setExporting(false);
    }
  };

  const setPeriod = (period: PeriodKind): void =>
    setChoice((c) => ({ ...c, period, custom: c.period === 'custom' ? c.custom : periodRange(c.period, c.anchor) }));
  const step = (delta: number): void => setChoice((c) => (c.period === 'custom' ? c : { ...c, anchor: shiftPeriod(c.period, c.anchor, delta) }));

  return (
    <div className="screen dashboard" data-testid="dashboard">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('dashboard.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dashboard.subtitle')}</Typography.Text>
        </div>
        <Button icon={<FileExcelOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!data} data-testid="dashboard-export">
          {t('dashboard.export')}
        </Button>
      </div>

      <div className="dash-controls" data-testid="dashboard-controls">
        <Segmented<PeriodKind>
          value={choice.period}
          onChange={setPeriod}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`dashboard.period.${k}`) }))}
          data-testid="dashboard-period"
        />
        {choice.period === 'custom' ? (
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            allowClear={false}
            value={[dayjs(choice.custom.from), dayjs(choice.custom.to)]}
            onChange={(v) => {
              if (v?.[0] && v[1]) {
                const [a, b] = [v[0], v[1]];
                setChoice((c) => ({ ...c, custom: { from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') } }));
              }
            }}
            data-testid="dashboard-range"
          />
        ) : (
          <span className="dash-stepper">
            <Tooltip title={t('dashboard.period.previous')}>
              <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t('dashboard.period.previous')} data-testid="dashboard-prev" />
            </Tooltip>
            <DatePicker
              picker={PICKER[choice.period]}
              allowClear={false}
              value={dayjs(choice.anchor)}
              format={(d: Dayjs) => periodLabel(choice.period, periodRange(choice.period as Exclude<PeriodKind, 'custom'>, d.format('YYYY-MM-DD')), lang)}
              onChange={(d) => d && setChoice((c) => ({ ...c, anchor: d.format('YYYY-MM-DD') }))}
              className="dash-anchor"
              data-testid="dashboard-anchor"
            />
            <Tooltip title={t('dashboard.period.next')}>
              <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={t('dashboard.period.next')} data-testid="dashboard-next" />
            </Tooltip>
          </span>
        )}
        <TreeSelect
          className="dash-unit"
          treeData={units}
          value={choice.unitId ?? undefined}
          onChange={(v?: string) => setChoice((c) => ({ ...c, unitId: v ?? null }))}
          allowClear
          showSearch={{ filterTreeNode }}
          treeDefaultExpandAll
          placeholder={t('dashboard.wholeAgency')}
          aria-label={t('dashboard.unit')}
          data-testid="dashboard-unit"
        />
        <Segmented<KindChoice>
          value={choice.kinds}
          onChange={(kinds) => setChoice((c) => ({ ...c, kinds }))}
          options={KIND_CHOICES.map((k) => ({ value: k, label: t(`dashboard.kind.${k}`) }))}
          data-testid="dashboard-kinds"
        />
      </div>

      {error ? <Alert type="error" showIcon title={errorText(error, lang, t('app.unexpected'))} /> : null}
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <div className={`dash-body${loading ? ' is-loading' : ''}`} data-testid="dashboard-body" data-from={params.from} data-to={params.to}>
          <Typography.Text type="secondary" className="dash-asof">
            {label} · {scope} · {t('dashboard.asOf', { date: formatDateVi(data.today) })}
          </Typography.Text>
          <Cards totals={data.totals} onOpen={(bucket) => open(scope, { bucket })} />
          {data.totals.total === 0 ? (
            <Empty className="dash-empty" description={t('dashboard.empty')} />
          ) : (
            <>
              <section className="dash-section">
                <Typography.Title level={5}>{t('dashboard.trend')}</Typography.Title>
                <TrendChart trend={data.trend} onPick={(month, bucket) => open(scope, { month, bucket })} />
              </section>
              <div className="dash-tables">
                <section className="dash-section">
                  <Typography.Title level={5}>{t('dashboard.byUnit')}</Typography.Title>
                  <CountsTable
                    testId="dashboard-by-unit"
                    nameTitle={t('dashboard.columns.unit')}
                    rows={data.byUnit.map((r) => ({ ...r, key: r.unitId ?? 'none' }))}
                    name={(r) => (r.unitId ? unitName(org, r.unitId) : t('dashboard.noUnit'))}
                    openable={(r) => opensUnit(r.unitId)}
                    onOpen={(r, bucket) => r.unitId && open(unitName(org, r.unitId), { unitId: r.unitId, bucket })}
                  />
                </section>
                <section className="dash-section">
                  <Typography.Title level={5}>{t('dashboard.byPerson')}</Typography.Title>
                  <CountsTable
                    testId="dashboard-by-person"
                    nameTitle={t('dashboard.columns.person')}
                    rows={data.byPerson.map((r) => ({ ...r, key: `${r.userId ?? 'none'}:${r.unitId ?? ''}` }))}
                    name={(r) => (r.userId ? userName(org, r.userId) : t('dashboard.noPerson'))}
                    sub={(r) => unitName(org, r.unitId)}
                    openable={(r) => r.userId != null}
                    onOpen={(r, bucket) => r.userId && open(userName(org, r.userId), { userId: r.userId, bucket })}
                  />
                </section>
              </div>
            </>
          )}
        </div>
      )}
      {drill && <DrillDrawer key={JSON.stringify(drill.params)} params={drill.params} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** The headline figures; each opens its records. */
function Cards({ totals, onOpen }: { totals: Counts; onOpen(bucket: DashboardBucketName | null): void }): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const n = (v: number): string => v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
  const done = totals.onTime + totals.late;
  return (
    <div className="dash-cards" data-testid="dashboard-cards">
      <button type="button" className="dash-card is-total" onClick={() => onOpen(null)} data-testid="dash-card-total" data-value={totals.total}>
        <span className="dash-card-label">{t('dashboard.cards.total')}</span>
        <span className="dash-card-value">{n(totals.total)}</span>
      </button>
      {BUCKET_KEYS.map((b) => (
        <button key={b} type="button" className={`dash-card is-${b}`} onClick={() => onOpen(b)} data-testid={`dash-card-${b}`} data-value={totals[b]}>
          <span className="dash-card-mark" style={{ background: BUCKET_COLOR[b] }} />
          <span className="dash-card-label">{t(`dashboard.cards.${b}`)}</span>
          <span className="dash-card-value">{n(totals[b])}</span>
        </button>
      ))}
      <div className="dash-card is-rate" data-testid="dash-card-rate" data-value={totals.onTimeRate ?? ''}>
        <span className="dash-card-label">{t('dashboard.cards.rate')}</span>
        <span className="dash-card-value">{rateText(totals.onTimeRate, lang)}</span>
        <span className="dash-card-sub">{done > 0 ? t('dashboard.cards.rateOf', { onTime: n(totals.onTime), done: n(done) }) : t('dashboard.cards.rateNone')}</span>
      </div>
    </div>
  );
}

/** By unit or by person: every count opens its records, where the drill-down can narrow to exactly that row. */
function CountsTable({
  rows,
  name,
  sub,
  nameTitle,
  openable,
  onOpen,
  testId,
}: {
  rows: Row[];
  name(r: Row): string;
  sub?: (r: Row) => string;
  nameTitle: string;
  openable(r: Row): boolean;
  onOpen(r: Row, bucket: DashboardBucketName | null): void;
  testId: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { lang } = useApp();
  const fmt = (v: number): string => v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
  const cell = (field: 'total' | DashboardBucketName) => (v: number, r: Row) =>
    v > 0 && openable(r) ? (
      <Button type="link" size="small" onClick={() => onOpen(r, field === 'total' ? null : field)} className={`dash-num is-${field}`} data-testid={`dash-num-${field}`}>
        {fmt(v)}
      </Button>
    ) : (
      <span className={v > 0 ? `dash-num is-${field}` : 'dash-num is-zero'}>{fmt(v)}</span>
    );
  const sorted = useMemo(() => [...rows].sort((a, b) => b.total - a.total), [rows]);
  const columns = [
    {
      key: 'name',
      title: nameTitle,
      render: (_: unknown, r: Row) => (
        <span className="dash-name">
          <span>{name(r)}</span>
          {sub ? <Typography.Text type="secondary" className="dash-name-sub">{sub(r)}</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'total', dataIndex: 'total', title: t('dashboard.columns.total'), width: 80, align: 'right' as const, render: cell('total'), sorter: (a: Row, b: Row) => a.total - b.total },
    // Wide enough for "Đúng hạn", "Trong hạn" and the sort arrows on one line.
    ...BUCKET_KEYS.map((b) => ({ key: b, dataIndex: b, title: t(`dashboard.columns.${b}`), width: 116, align: 'right' as const, render: cell(b), sorter: (x: Row, y: Row) => x[b] - y[b] })),
    {
      key: 'rate',
      dataIndex: 'onTimeRate',
      title: t('dashboard.columns.rate'),
      width: 140,
      align: 'right' as const,
      render: (v: number | null) => <span className={v !== null && v < 0.8 ? 'dash-rate is-low' : 'dash-rate'}>{rateText(v, lang)}</span>,
      sorter: (a: Row, b: Row) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
    },
  ];
  return <Table<Row> rowKey="key" size="small" columns={columns} dataSource={sorted} pagination={sorted.length > 15 ? { pageSize: 15, showSizeChanger: false } : false} data-testid={testId} />;
}
