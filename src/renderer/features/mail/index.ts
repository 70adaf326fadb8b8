/**
 * The mail feature's public face in the renderer: what other features (incoming,
 * search) use of it. The compose dialog is loaded on first use, in its own chunk.
 */
import { lazy } from 'react';

export type { ComposeInit, ComposeKind } from './ComposeDialog.js';
export const LazyComposeDialog = lazy(() => import('./ComposeDialog.js').then((m) => ({ default: m.ComposeDialog })));
export { SourceMailLink } from './SourceMailLink.js';
export { useFolderLabel } from './FolderList.js';
export { MailRow } from './MailRow.js';
export { useMailConfigured, useMailFolders } from './useMail.js';
export { useMailSearch } from './useMailSearch.js';
