/**
 * The incoming slice's public module for the other renderer slices
 * (docs/generic-sync-plan.md §2, rule S1): what tasks reuse of it — the organisation
 * tree picker's data and the small form helpers — without reaching into its files.
 */
export { allValues, assigneeValue, orgTree, parseAssignee, type Assignee, type TreeNode, type TreeOptions } from './orgTree.js';
export { blockEnterSubmit, isPast } from '../../components/forms.js';
export { CONFIDENTIALITIES, URGENCIES } from './constants.js';
