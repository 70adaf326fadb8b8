/**
 * The tasks slice's public module for the shell and the other renderer slices
 * (docs/generic-sync-plan.md §2): every screen is lazy, so the tasks code (and the
 * dialogs a document view may open) loads only when first shown.
 */
import { lazy } from 'react';

export const TaskList = lazy(() => import('./TaskList.js').then((m) => ({ default: m.TaskList })));
export const TaskView = lazy(() => import('./TaskView.js').then((m) => ({ default: m.TaskView })));
/** "Công việc" of an incoming document: the tasks given from it. */
export const DocumentTasksPanel = lazy(() => import('./DocumentTasks.js').then((m) => ({ default: m.DocumentTasksPanel })));
/** "Giao việc": a new task, e.g. from a document (`mode: { kind: 'create', source }`). */
export const TaskFormDialog = lazy(() => import('./TaskFormDialog.js').then((m) => ({ default: m.TaskFormDialog })));
export type { TaskFormMode } from './TaskFormDialog.js';
/** The tabs' counts (the navigation shows "Việc của tôi"). */
export { useTaskCounts } from './useTask.js';
/** The units as a tree for a picker (the outgoing drafts' unit and recipients too). */
export { unitTree, type UnitNode } from './pickers.js';
