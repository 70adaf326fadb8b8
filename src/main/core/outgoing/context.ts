import type { Agency, IncomingDocument } from '../../../shared/index.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { Organisation, UserSummary } from '../../../shared/model/organisation.js';
import type { ComposeInput } from '../../../shared/model/mail.js';
import type { OutgoingDocument } from '../../../shared/outgoing/index.js';
import type { FailedMutation } from '../../../shared/sync/records.js';
import type { FileCache } from '../files/fileCache.js';
import type { OutboxEntry } from '../sync/outbox.js';
import type { Overlaid } from '../sync/overlay.js';
import type { OutgoingStore } from './store.js';

/** The outcome of one message handed to the mail engine; `reason` is the mail server's answer, in Vietnamese. */
export type MailOutcome = { state: 'sent'; messageId: string } | { state: 'failed'; messageId: string; code: string; reason: string } | { state: 'pending'; messageId: string };

/** What the outgoing handlers need of the signed-in session (the service provides it). */
export interface OutgoingContext {
  store: OutgoingStore;
  files: FileCache;
  user: UserSummary;
  /** The organisation, with its outgoing settings (registers, trusted roots) when the server sent them. */
  org: OrgView;
  agency: Agency;
  /** The same organisation, as the registers print it (the agency's name and its registers). */
  organisation: Pick<Organisation, 'agency' | 'units' | 'users' | 'outgoing'>;
  now(): Date;
  /** An outgoing document with its pending actions replayed; `entries`: its outbox entries when already read. */
  overlaid(id: string, entries?: OutboxEntry[]): Overlaid<OutgoingDocument> | null;
  /** The outbox's outgoing actions, by record id. */
  pending(): Map<string, OutboxEntry[]>;
  failed(id: string): FailedMutation[];
  /** The plain bytes of a cached file (fetched first when only the server has it), or of a downloaded mail attachment. */
  readFile(sha256: string): Promise<Uint8Array>;
  /** An incoming document as the user sees it (pending actions replayed). */
  incoming(id: string): IncomingDocument | null;
  /** Every cached incoming document (the registers). */
  incomingStates(): Iterable<IncomingDocument>;
  /** Queue a mutation exactly as the generic `mutate` does (rules checked, files known, durable before it answers). */
  mutate(name: string, args: unknown): Promise<{ mutationId: number }>;
  /** The per-user PKCS#11 library path (a setting; null: none). */
  tokenLibrary(): string | null;
  setTokenLibrary(path: string | null): void;
  /** Whether the user has an official mail account configured. */
  hasMailAccount(): Promise<boolean>;
  /** Hand a message to the mail engine (exactly-once) and wait, up to `waitMs`, for the mail server's answer. */
  sendMail(input: ComposeInput, waitMs: number): Promise<MailOutcome>;
}
