import { join } from 'node:path';

/**
 * Each test run prepares its own templates (a PGlite folder and a PostgreSQL
 * template database), named after the run, so that several `vitest` runs in the
 * same checkout (engineers working side by side) never delete or drop each
 * other's templates mid-run. The global setup picks the names and hands them to
 * the workers with provide/inject.
 */
export const TEMPLATE_ROOT = join(process.cwd(), '.tmp');
export const templateDirFor = (runId: string): string => join(TEMPLATE_ROOT, `test-template-${runId}`);
export const templateDbFor = (runId: string): string => `ioffice_test_template_${runId}`;

/** Databases a test run creates from its template: `t_<runId>_…`, dropped by the run's teardown. */
export const testDatabasePrefix = (templateDb: string): string => `t_${templateDb.replace(/^ioffice_test_template_/u, '')}_`;
