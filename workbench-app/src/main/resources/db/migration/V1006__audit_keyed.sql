-- The chain head is keyed (HMAC with the audit key, outside the database): setting it back to an earlier
-- entry to hide entries cut off from the end is detected. Entry hashes are HMACs from this version on.
alter table audit_head add column mac varchar(64);
