import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Assignment, IncomingDocument, Opinion } from '../../../shared/incoming/model.js';
import type { Organisation } from '../../../shared/model/organisation.js';
import { formatDateVi, placeDateLine } from '../../../shared/text/vietnamese.js';
import { useApp } from '../../app/AppContext.js';
import { navigate } from '../../app/router.js';
import { assigneeName, userName } from '../../app/util.js';
import { Loading } from '../../components/Loading.js';
import { slipDeadline, unitBlocks } from './slip.js';
import { useDocument } from './useDocument.js';

/**
 * "Phiếu giải quyết văn bản đến" (Decree 30/2020, Appendix IV): three blocks —
 * the agency leader's instruction with main and co-operating handlers and
 * deadlines; the unit leader's assignment; the handler's proposal. A print view:
 * its own stylesheet (A4, Times-like serif, Decree 30 margins) and window.print().
 * The form itself is an official Vietnamese document and always prints in Vietnamese.
 */
export function ProcessingSlip({ id }: { id: string }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { view, loading } = useDocument(id);
  const { org, session } = useApp();
  if (loading && !view) return <Loading />;
  if (!view || !org)
    return <Result status="404" title={t('view.notFound')} extra={<Button onClick={() => navigate({ name: 'incoming' })}>{t('view.backToList')}</Button>} />;
  const tv = i18n.getFixedT('vi');
  return (
    <div className="slip-page">
      <div className="slip-toolbar no-print">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'document', id })} data-testid="slip-back">
            {t('slip.back')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="slip-print">
            {t('slip.print')}
          </Button>
        </Space>
        <Typography.Text type="secondary">{t('slip.hint')}</Typography.Text>
      </div>
      <SlipSheet doc={view.doc} org={org} agencyName={session.agency?.name ?? org.agency.name} place={session.agency?.place ?? org.agency.place} tv={tv} />
    </div>
  );
}

type TV = TFunction;

function SlipSheet({ doc, org, agencyName, place, tv }: { doc: IncomingDocument; org: Organisation; agencyName: string; place: string; tv: TV }): React.JSX.Element {
  const top = doc.assignments.filter((a) => a.parentId === null && a.status !== 'revoked');
  const main = top.find((a) => a.role === 'main');
  const cooperate = top.filter((a) => a.role === 'cooperate');
  const info = top.filter((a) => a.role === 'info');
  const leaderDate = doc.instructedAt ?? top[0]?.assignedAt ?? null;
  const leaderId = doc.instructedBy ?? top[0]?.assignedBy ?? null;

  // Block II: each unit that handed the work on, with its own date and signature.
  const units = unitBlocks(doc, org, tv);
  const children = doc.assignments.filter((a) => a.parentId !== null && a.status !== 'revoked');

  // Block III: the person who handles the document (the main person, else the main unit's main person).
  const mainPerson = main?.userId ? main : children.find((c) => c.role === 'main' && c.parentId === main?.id);
  const handlerId = mainPerson?.userId ?? null;
  const proposals: Opinion[] = doc.opinions.filter((o) => (handlerId ? o.authorId === handlerId : true));
  const lastProposal = proposals[proposals.length - 1];
  const deadline = (a: Assignment | undefined): string => slipDeadline(a, tv);

  return (
    <article className="slip-sheet" data-testid="slip">
      <header className="slip-head">
        <div className="slip-agency">
          <div className="slip-agency-name">{agencyName.toUpperCase()}</div>
          <div className="slip-rule" />
        </div>
        <div className="slip-nation">
          <div className="slip-nation-name">{tv('slip.nation')}</div>
          <div className="slip-motto">{tv('slip.motto')}</div>
          <div className="slip-rule" />
          <div className="slip-place">{placeDateLine(place, doc.arrivalDate)}</div>
        </div>
      </header>
      <h1 className="slip-title">{tv('slip.title')}</h1>
      <div className="slip-doc">
        <p>{tv('slip.docLine', { code: `${doc.codeNumber}/${doc.codeNotation}`, issued: formatDateVi(doc.issuedDate), issuer: doc.issuer })}</p>
        <p>{tv('slip.subjectLine', { subject: doc.subject })}</p>
        <p>{tv('slip.arrivalLine', { number: doc.arrivalNumber > 0 ? doc.arrivalNumber : '……', date: formatDateVi(doc.arrivalDate) })}</p>
      </div>
      <table className="slip-table">
        <tbody>
          <tr>
            <td className="slip-block">
              <h2>{tv('slip.block1')}</h2>
              {doc.instruction && <p>{tv('slip.instruction', { text: doc.instruction })}</p>}
              {main ? (
                <>
                  <p>{tv('slip.main', { name: assigneeName(org, main) })}</p>
                  <p>{tv('slip.deadline', { date: deadline(main) })}</p>
                </>
              ) : (
                <p className="slip-empty">{tv('slip.empty')}</p>
              )}
              {cooperate.length > 0 && <p>{tv('slip.cooperate', { names: cooperate.map((a) => tv('slip.cooperateItem', { name: assigneeName(org, a), date: deadline(a) })).join('; ') })}</p>}
              {info.length > 0 && <p>{tv('slip.info', { names: info.map((a) => assigneeName(org, a)).join('; ') })}</p>}
            </td>
            <td className="slip-sign">
              <p>{leaderDate ? tv('slip.dateSigned', { date: formatDateVi(leaderDate) }) : ''}</p>
              <p className="slip-sign-hint">{tv('slip.signature')}</p>
              <p className="slip-signer">{userName(org, leaderId)}</p>
            </td>
          </tr>
          {units.length === 0 ? (
            <tr>
              <td className="slip-block">
                <h2>{tv('slip.block2')}</h2>
                <p className="slip-empty">{tv('slip.empty')}</p>
              </td>
              <td className="slip-sign">
                <p />
                <p className="slip-sign-hint">{tv('slip.signature')}</p>
                <p className="slip-signer" />
              </td>
            </tr>
          ) : (
            units.map((u, i) => (
              <tr key={i} data-testid="slip-unit-block">
                <td className="slip-block">
                  {i === 0 && <h2>{tv('slip.block2')}</h2>}
                  {u.lines.map((line, j) => (
                    <p key={j}>{line}</p>
                  ))}
                </td>
                <td className="slip-sign">
                  <p>{u.signedOn}</p>
                  <p className="slip-sign-hint">{tv('slip.signature')}</p>
                  <p className="slip-signer">{u.signer}</p>
                </td>
              </tr>
            ))
          )}
          <tr>
            <td className="slip-block">
              <h2>{tv('slip.block3')}</h2>
              {proposals.length === 0 ? (
                <p className="slip-empty">{tv('slip.empty')}</p>
              ) : (
                proposals.map((o) => (
                  <p key={o.id}>
                    {o.kind === 'progress' && o.progress !== null ? `[${o.progress}%] ` : ''}
                    {o.content}
                  </p>
                ))
              )}
              {doc.status === 'done' && doc.completedAt && (
                <p>{tv('slip.completed', { note: doc.completionNote || '—', date: formatDateVi(doc.completedAt) })}</p>
              )}
            </td>
            <td className="slip-sign">
              <p>{lastProposal ? tv('slip.dateSigned', { date: formatDateVi(lastProposal.createdAt) }) : ''}</p>
              <p className="slip-sign-hint">{tv('slip.signature')}</p>
              <p className="slip-signer">{handlerId ? userName(org, handlerId) : lastProposal ? userName(org, lastProposal.authorId) : ''}</p>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
