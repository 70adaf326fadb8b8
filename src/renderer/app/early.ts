/**
 * Runs before every other module of the renderer (first import of main.tsx):
 * - records Content-Security-Policy violations (tests read them; any is a bug);
 * - tells zod not to probe `new Function` (its fast parsers), which script-src
 *   'self' forbids: the host's app.info schemas (src/shared/rpc/host.ts) parse here.
 */
import { config } from 'zod';
import { watchCspViolations } from './csp.js';

watchCspViolations();
config({ jitless: true });
