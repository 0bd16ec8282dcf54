-- The chain head is keyed (HMAC with the audit key, outside the database): setting it back to an earlier
-- entry to hide entries cut off from the end is detected. Entry hashes are HMACs from this version on.
alter table audit_head add column mac varchar(64);
-- The last operator action (decision service's operator log) copied into the trail.
alter table audit_head add column operator_cursor bigint default 0 not null;
