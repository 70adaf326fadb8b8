/**
 * How the PDF viewer reads the core's signature checks (outgoing.verify), pure (unit-tested):
 * the state of the whole file for the viewer's badge, and the words each fact of one signature
 * is told in. The verifier decides; this only chooses what a reader is told first.
 */
import type { SignatureCheck } from '../../../shared/outgoing/index.js';

export type SignatureStatus = SignatureCheck['status'];
/** The file's state: 'none' is an unsigned PDF. */
export type OverallState = SignatureStatus | 'none';

/**
 * The worst signature decides (a broken one, then one from an unknown CA). Content added after
 * a signature counts only when no later intact signature covers it: an issued document's
 * signer signature is followed by the number and the agency's own signature, which is the
 * normal course (Decree 30 Appendix I), not a warning.
 */
export function overallState(checks: readonly SignatureCheck[]): OverallState {
  if (checks.length === 0) return 'none';
  if (checks.some((c) => c.status === 'invalid')) return 'invalid';
  if (checks.some((c) => c.status === 'untrusted')) return 'untrusted';
  return checks.some((c) => c.status === 'valid' && c.laterChanges === 'none') ? 'valid' : 'valid_with_later_additions';
}

/** What happened to the document after this signature; a signature that no longer matches its bytes means it was altered. */
export function changeOf(check: Pick<SignatureCheck, 'integrity' | 'laterChanges'>): SignatureCheck['laterChanges'] {
  return check.integrity === 'broken' ? 'modified' : check.laterChanges;
}

/** antd tag colours of a state (the viewer's badge and each signature's tag). */
export const STATE_COLOR: Readonly<Record<OverallState, string>> = {
  valid: 'success',
  valid_with_later_additions: 'processing',
  invalid: 'error',
  untrusted: 'warning',
  none: 'default',
};

/** Whether a fact is good news, a caution, a problem, neutral news or something not checked (the icon beside it). */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'unknown';

export function changeTone(change: SignatureCheck['laterChanges']): Tone {
  return change === 'none' ? 'ok' : change === 'additions' ? 'info' : 'bad';
}
export function chainTone(chain: SignatureCheck['chain']): Tone {
  return chain === 'trusted' ? 'ok' : chain === 'unknown_ca' ? 'warn' : 'bad';
}
export function validityTone(validity: SignatureCheck['validity']): Tone {
  return validity === 'valid' ? 'ok' : 'bad';
}

/** Signatures in the order they were applied (the verifier lists them by revision; a missing time keeps its place). */
export function inSigningOrder(checks: readonly SignatureCheck[]): SignatureCheck[] {
  return checks.map((c, i) => ({ c, i })).sort((a, b) => b.c.laterRevisions - a.c.laterRevisions || a.i - b.i).map((x) => x.c);
}
