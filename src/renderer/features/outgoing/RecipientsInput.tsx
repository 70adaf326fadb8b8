import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTGOING_LIMITS, OUTGOING_TEXT, RECIPIENT_KIND_LABELS, type RecipientInput, type RecipientKind } from '../../../shared/outgoing/index.js';
import { useApp } from '../../app/AppContext.js';
import { newId } from '../../app/util.js';
import { filterTreeNode } from '../../components/pickerFilter.js';
import { unitTree } from '../tasks/index.js';
import { loc, recipientLines } from './format.js';

/** A recipient as the form holds it (the mutation's RecipientInput with its defaults applied). */
export type RecipientValue = Required<RecipientInput>;

const KINDS: readonly RecipientKind[] = ['unit', 'mail', 'paper', 'archive'];
// A plain check for the field (the core's schema has the last word): something@domain.tld.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * "Nơi nhận": units of the agency (they receive it as incoming), outside agencies by official
 * mail (with the address), anyone on paper, and the "Lưu: VT, …" line; the block as it
 * will be printed is previewed under the list.
 */
export function RecipientsInput({ value = [], onChange }: { value?: RecipientValue[]; onChange?: (v: RecipientValue[]) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { org, lang } = useApp();
  const [kind, setKind] = useState<RecipientKind>('unit');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const units = useMemo(() => (org ? unitTree(org) : []), [org]);
  const full = value.length >= OUTGOING_LIMITS.recipients;

  const set = (next: RecipientValue[]): void => {
    setError(null);
    onChange?.(next);
  };
  const add = (): void => {
    if (kind === 'unit') {
      const fresh = unitIds.filter((id) => !value.some((r) => r.kind === 'unit' && r.unitId === id));
      const added = fresh.map((id) => ({ id: newId(), kind: 'unit' as const, unitId: id, name: org?.units.find((u) => u.id === id)?.name ?? '', email: null }));
      set([...value, ...added].slice(0, OUTGOING_LIMITS.recipients));
      setUnitIds([]);
      return;
    }
    const n = name.normalize('NFC').trim();
    if (!n) return setError(t('outgoing.recipients.nameRequired'));
    if (kind === 'mail' && !EMAIL.test(email.trim())) return setError(t('outgoing.recipients.emailInvalid'));
    set([...value, { id: newId(), kind, unitId: null, name: n, email: kind === 'mail' ? email.trim().toLowerCase() : null }]);
    setName('');
    setEmail('');
  };
  const remove = (id: string): void => set(value.filter((r) => r.id !== id));
  const lines = recipientLines(value);
  // Listed as printed: the recipients by kind, the file copies last.
  const shown = [...value].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));

  return (
    <div className="out-recipients" data-testid="out-recipients">
      {value.length > 0 && (
        <div className="out-recipient-list">
          {shown.map((r) => (
            <div key={r.id} className="out-recipient" data-testid="out-recipient" data-kind={r.kind}>
              <span className={`mtag mtag-recipient-${r.kind}`} title={loc(RECIPIENT_KIND_LABELS[r.kind], lang)}>
                {t(`outgoing.recipients.add.${r.kind}`)}
              </span>
              <span className="out-recipient-name">{r.name}</span>
              {r.email && <Typography.Text type="secondary">{r.email}</Typography.Text>}
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(r.id)} aria-label={`${t('attachments.remove')}: ${r.name}`} title={t('attachments.remove')} />
            </div>
          ))}
        </div>
      )}
      <div className="out-recipient-add">
        <div className="out-recipient-add-head">
          <Typography.Text type="secondary">{t('outgoing.recipients.addLabel')}</Typography.Text>
          <Segmented<RecipientKind>
          size="small"
          value={kind}
          onChange={(k) => {
            setKind(k);
            setError(null);
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`outgoing.recipients.add.${k}`) }))}
          data-testid="out-recipient-kind"
          />
        </div>
        <div className="out-recipient-fields">
          {kind === 'unit' ? (
            <TreeSelect
              className="grow"
              treeData={units}
              value={unitIds}
              onChange={(v: string[]) => setUnitIds(v)}
              multiple
              allowClear
              showSearch={{ filterTreeNode }}
              treeDefaultExpandAll
              placeholder={t('outgoing.recipients.unitPlaceholder')}
              data-testid="out-recipient-units"
            />
          ) : (
            <>
              <Input
                className="grow"
                value={name}
                onChange={(e) => setName(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  add();
                }}
                maxLength={OUTGOING_TEXT.recipientName}
                placeholder={t(`outgoing.recipients.namePlaceholder.${kind}`)}
                data-testid="out-recipient-name"
              />
              {kind === 'mail' && (
                <Input
                  className="out-recipient-email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  onPressEnter={(e) => {
                    e.preventDefault();
                    add();
                  }}
                  maxLength={OUTGOING_TEXT.email}
                  placeholder={t('outgoing.recipients.emailPlaceholder')}
                  data-testid="out-recipient-email"
                />
              )}
            </>
          )}
          <Button icon={<PlusOutlined />} onClick={add} disabled={full || (kind === 'unit' && unitIds.length === 0)} data-testid="out-recipient-add">
            {t('outgoing.recipients.addButton')}
          </Button>
        </div>
        {error && (
          <Typography.Text type="danger" data-testid="out-recipient-error">
            {error}
          </Typography.Text>
        )}
      </div>
      {lines.length > 0 && (
        <div className="out-recipient-preview" data-testid="out-recipient-preview">
          <Typography.Text strong italic>
            {t('outgoing.recipients.printed')}
          </Typography.Text>
          {lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </div>
      )}
    </div>
  );
}
