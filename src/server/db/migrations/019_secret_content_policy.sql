-- The agency's choice, per secret level, of what reaches desktops
-- (src/shared/incoming/secretContent.ts): JSON {"confidential","secret","top_secret"}
-- each 'metadata' or 'full'. NULL is the Decree 30 default (metadata only).
-- documents.content_withheld keeps meaning "a secret level (Mật and above)": what
-- is actually withheld is decided from the policy at each pull and download.
ALTER TABLE agencies ADD COLUMN secret_content_policy text;
