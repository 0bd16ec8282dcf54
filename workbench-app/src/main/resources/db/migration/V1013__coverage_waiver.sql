-- Submitting with rules no scenario fires takes a reason: kept with the change request for its reviewer.
alter table change_request add column coverage_waiver varchar(1000);
alter table change_request add column coverage_waived_rules text;
