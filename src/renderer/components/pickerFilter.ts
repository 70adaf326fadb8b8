/**
 * The one filter for every antd picker that the user can type into (Select and
 * AutoComplete `showSearch.filterOption`, TreeSelect `showSearch.filterTreeNode`):
 * accent-insensitive like the Search page (searchText.matchesQuery). antd's
 * default compares upper-cased substrings, so "quyet" never found "Quyết định".
 */
import { matchesQuery } from './searchText.js';

const textOf = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** For Select/AutoComplete: the option's label or value matches what was typed. */
export function filterOption(input: string, option?: { value?: unknown; label?: unknown }): boolean {
  if (!option) return false;
  return matchesQuery(`${textOf(option.label)} ${textOf(option.value)}`, input);
}

/** For TreeSelect: the node's title matches (a unit's name, a person's name and position). */
export function filterTreeNode(input: string, node: { title?: unknown }): boolean {
  return matchesQuery(textOf(node.title), input);
}
