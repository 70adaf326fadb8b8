import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailAddress } from '../../../shared/model/mail.js';
import { formatAddress } from './address.js';
import { collapseList } from './format.js';

/**
 * A header's list of people: the first few, then "và 995 người khác", which opens the
 * whole list (and "Thu gọn" closes it). A message to a whole agency stays one line.
 */
export function Recipients({ list, testId }: { list: readonly MailAddress[]; testId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const { visible, hidden } = collapseList(list, expanded);
  return (
    <dd data-testid={testId} data-count={list.length}>
      {visible.map(formatAddress).join('; ')}
      {hidden > 0 && (
        <Button type="link" size="small" className="mail-more-people" onClick={() => setExpanded(true)} data-testid={`${testId}-more`}>
          {t('mail.view.andOthers', { count: hidden })}
        </Button>
      )}
      {expanded && list.length > collapseList(list, false).visible.length && (
        <Button type="link" size="small" className="mail-more-people" onClick={() => setExpanded(false)} data-testid={`${testId}-less`}>
          {t('mail.view.showLess')}
        </Button>
      )}
    </dd>
  );
}
