import { Modal, Spin } from 'antd';
import { useEffect } from 'react';
import { EntryFormDialog } from './EntryFormDialog.js';
import { useEntry } from './useSchedule.js';

/** "Sửa" from a list: the entry is read whole (its files, its week), then the form opens on it. */
export function EditEntry({ id, onClose }: { id: string; onClose(): void }): React.JSX.Element {
  const { view, loading } = useEntry(id);
  // Gone (or not mine to see) by the time it was asked for: nothing to edit.
  useEffect(() => {
    if (!loading && !view) onClose();
  }, [loading, view, onClose]);
  if (!view)
    return (
      <Modal open footer={null} closable={false} width={160} centered>
        <Spin />
      </Modal>
    );
  return (
    <EntryFormDialog
      mode={{ kind: 'edit', entry: view.entry, published: view.week?.status === 'published', ...(view.link ? { linkTitle: view.link.title } : {}) }}
      onClose={onClose}
    />
  );
}
