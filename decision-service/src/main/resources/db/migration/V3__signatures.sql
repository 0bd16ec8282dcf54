-- Signatures by the installation's signing key (kept outside the database, see README "Signed releases"):
-- nodes refuse a release or deployment whose signature does not verify.
alter table release add column signature varchar(200);
alter table deployment add column signature varchar(200);
