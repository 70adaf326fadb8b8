/**
 * The text limits of a task's fields, as plain numbers for the forms (the schemas in
 * shared/tasks/model.ts reach zod, which the renderer may not load: decisions §24).
 * test/renderer/tasks.test.ts checks they equal the schemas' TASK_TEXT.
 */
export const TASK_TEXT_LIMITS = { title: 500, description: 8000, note: 4000, reason: 2000, message: 2000 } as const;
