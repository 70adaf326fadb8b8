/**
 * Helpers of the schedule suites (test/server/schedule*.test.ts): a protocol 2 pull of the
 * schedule kind, folded as a desktop folds it, each state checked with the clients' schema.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ScheduleRecord } from '../../src/shared/schedule/model.js';
import { RecordChange } from '../../src/shared/sync/protocol.js';
import { http } from '../helpers/api.js';

export interface Pulled {
  records: Map<string, ScheduleRecord>;
  removed: string[];
  cursor: string;
}

/** Every page of a protocol 2 pull of the schedule kind, each state checked with the clients' schema. */
export async function pullSchedule(url: string, token: string, cursor: string | null = null, clientId = randomUUID()): Promise<Pulled> {
  const records = new Map<string, ScheduleRecord>();
  const removed: string[] = [];
  for (;;) {
    const r = await http(url, 'POST', '/sync/pull', { token, json: { clientId, cursor, limit: 500, protocol: 2, kinds: ['schedule'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const raw of r.body.changes) {
      const c = RecordChange.parse(raw);
      expect(c.kind).toBe('schedule');
      if ('removed' in c) (records.delete(c.id), removed.push(c.id));
      else {
        const rec = ScheduleRecord.parse(c.state);
        expect(c.version).toBe(rec.version);
        records.set(c.id, rec);
      }
    }
    cursor = r.body.cursor as string;
    if (!r.body.more) return { records, removed, cursor };
  }
}
