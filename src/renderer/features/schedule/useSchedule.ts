import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntryView, ScheduleMutationInput, ScheduleNotice, ScheduleViewName, WeekViewResult } from '../../../shared/schedule/index.js';
import { useApp, useChanged, useRpc } from '../../app/AppContext.js';
import { useQueueMutation, useRecordView, type RecordState } from '../../components/useRecord.js';

/** Local data the week depends on: its entries and weeks, the people it names; "Lịch của tôi" also shows task and document deadlines. */
const WEEK_SCOPES = ['schedule', 'org', 'session', 'tasks', 'incoming'] as const;
const ENTRY_SCOPES = ['schedule', 'org', 'session', 'files'] as const;

export interface WeekQuery {
  date: string;
  view: ScheduleViewName;
  leaderId: string | null;
}

export interface WeekState {
  /** The last week read (kept while the next one loads, so the page does not blink). */
  data: WeekViewResult | null;
  /** The query `data` answers. */
  dataQuery: WeekQuery | null;
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** The week as a view shows it (the core answers from the cache, offline too), re-read live. */
export function useWeek(query: WeekQuery | null): WeekState {
  const rpc = useRpc();
  const { sync } = useApp();
  const [data, setData] = useState<WeekViewResult | null>(null);
  const [dataQuery, setDataQuery] = useState<WeekQuery | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const date = query?.date ?? null;
  const view = query?.view ?? null;
  const leaderId = query?.leaderId ?? null;
  const reload = useCallback(() => {
    if (date === null || view === null) return;
    const n = ++seq.current;
    setLoading(true);
    rpc.call('schedule.week', { date, view, leaderId }).then(
      (r) => {
        if (n !== seq.current) return;
        setData(r);
        setDataQuery({ date, view, leaderId });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [rpc, date, view, leaderId]);
  useEffect(reload, [reload]);
  useChanged(WEEK_SCOPES, reload, { delayMs: sync.state === 'syncing' ? 600 : 150 });
  return { data, dataQuery, loading, error, reload };
}

export type EntryState = RecordState<EntryView>;

/** One entry with what the user may do to it, re-read live (its conflicts name other entries: every schedule change wakes it). */
export function useEntry(id: string): EntryState {
  return useRecordView<EntryView>('schedule.get', id, ENTRY_SCOPES, false);
}

export type ScheduleMutate = (m: ScheduleMutationInput, opts?: { quiet?: boolean }) => Promise<boolean>;

/** Queue a schedule action (useQueueMutation). */
export function useScheduleMutate(): ScheduleMutate {
  const queue = useQueueMutation();
  return useCallback((m, opts) => queue(m.name, m.args, opts), [queue]);
}

/** My notices of revisions (newest first), re-read when the schedule changes. */
export function useNotices(limit: number): ScheduleNotice[] | null {
  const rpc = useRpc();
  const [items, setItems] = useState<ScheduleNotice[] | null>(null);
  const load = useCallback(() => {
    rpc.call('schedule.notices', { limit }).then(setItems, () => setItems((cur) => cur ?? []));
  }, [rpc, limit]);
  useEffect(load, [load]);
  useChanged(['schedule', 'session'], load, { delayMs: 400 });
  return items;
}
