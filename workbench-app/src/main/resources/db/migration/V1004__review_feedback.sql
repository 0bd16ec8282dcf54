-- The latest review verdict's comment on a change request, so its author sees why it came back.
alter table change_request add column reviewed_by varchar(128);
alter table change_request add column review_comment varchar(4000);
