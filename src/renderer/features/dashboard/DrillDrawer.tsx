import { Alert, Button, Drawer, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUCKET_LABELS } from '../../../shared/dashboard/buckets.js';
import type { DrillItem, DrillParams } from '../../../shared/dashboard/rpc.js';
import { formatDateVi } from '../../../shared/text/vietnamese.js';
import { useApp, useRpc } from '../../app/AppContext.js';
import { errorText, unitName, userName } from '../../app/util.js';
import { drillHref } from './period.js';

const PAGE = 100;
const BUCKET_TAG: Record<DrillItem['bucket'], string> = { onTime: 'success', late: 'warning', overdue: 'error', notDue: 'processing' };

/** The records behind one number of the dashboard (dashboard.drill, keyset-paged), each opening its task or document. */
export function DrillDrawer({ params, title, onClose }: { params: DrillParams; title: string; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { org, lang } = useApp();
  const [items, setItems] = useState<DrillItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    (after: string | null) => {
      setLoading(true);
      rpc.call('dashboard.drill', { ...params, after, limit: PAGE }).then(
        (r) => {
          setItems((cur) => (after === null ? r.items : [...cur, ...r.items]));
          setNext(r.next);
          setTotal(r.total);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          setError(e);
          setLoading(false);
        },
      );
    },
    [rpc, params],
  );
  useEffect(() => load(null), [load]);

  const columns = [
    {
      key: 'kind',
      title: t('dashboard.drill.kind'),
      width: 120,
      render: (_: unknown, r: DrillItem) => <Tag color={r.kind === 'tasks' ? 'blue' : 'purple'}>{t(`dashboard.kind.${r.kind}`)}</Tag>,
    },
    {
      key: 'title',
      title: t('dashboard.drill.name'),
      render: (_: unknown, r: DrillItem) => (
        <a href={drillHref(r)} data-testid="drill-link" data-kind={r.kind} data-id={r.id}>
          {r.title}
        </a>
      ),
    },
    {
      key: 'handler',
      title: t('dashboard.drill.handler'),
      width: 200,
      render: (_: unknown, r: DrillItem) => userName(org, r.userId) || unitName(org, r.unitId) || t('app.none'),
    },
    { key: 'deadline', title: t('dashboard.drill.deadline'), width: 110, render: (_: unknown, r: DrillItem) => formatDateVi(r.deadline) },
    { key: 'doneOn', title: t('dashboard.drill.doneOn'), width: 130, render: (_: unknown, r: DrillItem) => (r.doneOn ? formatDateVi(r.doneOn) : t('app.none')) },
    {
      key: 'bucket',
      title: t('dashboard.drill.bucket'),
      width: 170,
      render: (_: unknown, r: DrillItem) => <Tag color={BUCKET_TAG[r.bucket]}>{BUCKET_LABELS[r.bucket][lang]}</Tag>,
    },
  ];

  return (
    <Drawer open title={title} size="min(1000px, 92vw)" onClose={onClose} destroyOnHidden data-testid="dashboard-drill" rootClassName="dash-drill">
      {error ? <Alert type="error" showIcon title={errorText(error, lang, t('app.unexpected'))} className="form-note" /> : null}
      <Typography.Text type="secondary" data-testid="drill-count">
        {t('dashboard.drill.count', { shown: items.length.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US'), total: total.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') })}
      </Typography.Text>
      <Table<DrillItem>
        rowKey={(r) => `${r.kind}:${r.id}`}
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading && items.length === 0}
        pagination={false}
        locale={{ emptyText: t('dashboard.drill.empty') }}
        className="dash-drill-table"
        data-testid="drill-table"
      />
      {next && (
        <div className="dash-drill-more">
          <Button onClick={() => load(next)} loading={loading} data-testid="drill-more">
            {t('dashboard.drill.more')}
          </Button>
        </div>
      )}
    </Drawer>
  );
}
