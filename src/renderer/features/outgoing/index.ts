/**
 * The outgoing slice's public module for the shell and the other renderer slices
 * (docs/generic-sync-plan.md §2): the screens are lazy, so the outgoing code (and pdf.js
 * for the signature's preview) loads only when first shown. Another slice opens a new draft
 * with `navigate({ name: 'outgoingNew', replyTo })` ("Trả lời văn bản").
 */
import { lazy } from 'react';

/** "Văn bản đi": the lists (#/outgoing). */
export const OutgoingList = lazy(() => import('./OutgoingList.js').then((m) => ({ default: m.OutgoingList })));
/** One document (#/outgoing/<id>). */
export const OutgoingDocumentView = lazy(() => import('./DocumentPage.js').then((m) => ({ default: m.OutgoingDocumentView })));
/** "Soạn văn bản" (#/outgoing/new, ?replyTo=<incoming id>, ?replaces= / ?updates=<outgoing id>). */
export const OutgoingNewPage = lazy(() => import('./DraftPage.js').then((m) => ({ default: m.DraftPage })));
/** The lists' counts (the navigation's badge: what waits for me). */
export { useOutgoingCounts } from './useOutgoing.js';
