-- Portable between H2 and PostgreSQL.

-- Each decision's own id, given when it is answered: the decision log's writer inserts a decision only
-- if its id is absent, so replaying the local spool after an outage or a crash never logs one twice.
-- Null for decisions logged before this migration (a unique index admits many nulls).
alter table decision_log add column decision_id varchar(36);
create unique index decision_log_decision_id on decision_log (decision_id);
