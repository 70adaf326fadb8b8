import { CommentOutlined, DownloadOutlined, EyeOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTGOING_TEXT, VERSION_KIND_LABELS, type DocumentVersion, type OutgoingView } from '../../../shared/outgoing/index.js';
import { formatDateTimeVi } from '../../../shared/text/vietnamese.js';
import { useApp, useMe, useRpc } from '../../app/AppContext.js';
import { errorText, newId, userName } from '../../app/util.js';
import { PendingTag } from '../../components/DocTags.js';
import { downloadFile } from '../../components/download.js';
import { fileSize } from '../../components/fileSize.js';
import { isPdfFile, loc } from './format.js';
import { pendingTimes } from './Panels.js';
import { useOutgoingMutate } from './useOutgoing.js';

const KIND_COLOR: Record<DocumentVersion['kind'], string> = { draft: 'default', signed: 'blue', issued: 'green' };

/**
 * "Phiên bản": every version of the file, newest first (n, kind, who, when, note), shown on the
 * left or downloaded, each with the comments made on it; and a comment on a version.
 */
export function VersionsPanel({ view, shown, onShow }: { view: OutgoingView; shown: number | null; onShow: (n: number) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const rpc = useRpc();
  const { org, lang, conn } = useApp();
  const me = useMe();
  const { message } = App.useApp();
  const doc = view.document;
  const pending = pendingTimes(view);
  const [busy, setBusy] = useState<string | null>(null);
  const versions = [...doc.versions].reverse();

  const download = async (v: DocumentVersion): Promise<void> => {
    setBusy(v.file.sha256);
    try {
      await downloadFile(rpc, (sha) => conn.fileUrl(sha), v.file);
    } catch (err) {
      void message.error(errorText(err, lang, t('attachments.failed')));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="out-versions" data-testid="out-versions">
      {versions.length === 0 && <Empty description={t('outgoing.view.noFile')} />}
      {versions.map((v) => {
        const comments = doc.comments.filter((c) => c.version === v.n);
        return (
          <div key={v.n} className={`out-version${v.n === shown ? ' is-shown' : ''}`} data-testid="out-version" data-n={v.n} data-kind={v.kind}>
            <div className="out-version-head">
              <strong>{t('outgoing.versions.n', { n: v.n })}</strong>
              <Tag color={KIND_COLOR[v.kind]}>{loc(VERSION_KIND_LABELS[v.kind], lang)}</Tag>
              <Typography.Text type="secondary">
                {userName(org, v.by)} · {formatDateTimeVi(v.at)}
              </Typography.Text>
              {pending.has(v.at) && v.by === me.id && <PendingTag />}
            </div>
            <div className="attachment-file out-version-file">
              <span className="attachment-file-icon">{isPdfFile(v.file) ? <FilePdfOutlined className="pdf-icon" /> : <FileWordOutlined className="word-icon" />}</span>
              <span className="attachment-file-name" title={v.file.name}>
                {v.file.name}
              </span>
              <Typography.Text type="secondary" className="attachment-file-size">
                {fileSize(v.file.size, lang)}
              </Typography.Text>
              <Button size="small" type={v.n === shown ? 'primary' : 'text'} ghost={v.n === shown} icon={<EyeOutlined />} onClick={() => onShow(v.n)} data-testid="out-version-show">
                {t('outgoing.versions.show')}
              </Button>
              <Button
                size="small"
                type="text"
                icon={<DownloadOutlined />}
                loading={busy === v.file.sha256}
                onClick={() => void download(v)}
                aria-label={`${t('attachments.download')}: ${v.file.name}`}
                title={t('attachments.download')}
                data-testid="out-version-download"
              />
            </div>
            {v.note && <div className="out-version-note">{v.note}</div>}
            {comments.length > 0 && (
              <div className="out-comments">
                {comments.map((c) => (
                  <div key={c.id} className="opinion out-comment" data-testid="out-comment">
                    <div className="opinion-head">
                      <CommentOutlined />
                      <strong>{userName(org, c.by)}</strong>
                      <Typography.Text type="secondary">{formatDateTimeVi(c.at)}</Typography.Text>
                      {pending.has(c.at) && c.by === me.id && <PendingTag />}
                    </div>
                    <div className="opinion-text">{c.text}</div>
                  </div>
                ))}
              </div>
            )}
          </div>
        );
      })}
      {view.allowedActions.includes('outgoing.comment') && doc.versions.length > 0 && <CommentBox view={view} />}
    </div>
  );
}

/** "Góp ý" on a version (the latest by default). */
function CommentBox({ view }: { view: OutgoingView }): React.JSX.Element {
  const { t } = useTranslation();
  const mutate = useOutgoingMutate();
  const doc = view.document;
  const latest = doc.versions.at(-1)!.n;
  const [version, setVersion] = useState(latest);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    const body = text.normalize('NFC').trim();
    if (!body) return;
    setBusy(true);
    const ok = await mutate('outgoing.comment', { documentId: doc.id, commentId: newId(), version, text: body });
    setBusy(false);
    if (ok) setText('');
  };
  return (
    <div className="out-comment-box" data-testid="out-comment-box">
      <div className="out-comment-box-head">
        <Typography.Text strong>{t('outgoing.versions.addComment')}</Typography.Text>
        <Select
          size="small"
          value={version}
          onChange={setVersion}
          options={[...doc.versions].reverse().map((v) => ({ value: v.n, label: t('outgoing.versions.n', { n: v.n }) }))}
          aria-label={t('outgoing.versions.commentOn')}
          data-testid="out-comment-version"
        />
      </div>
      <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={OUTGOING_TEXT.comment} placeholder={t('outgoing.versions.commentPlaceholder')} data-testid="out-comment-text" />
      <Button type="primary" size="small" icon={<CommentOutlined />} disabled={!text.trim()} loading={busy} onClick={() => void send()} data-testid="out-comment-send">
        {t('outgoing.versions.send')}
      </Button>
    </div>
  );
}
