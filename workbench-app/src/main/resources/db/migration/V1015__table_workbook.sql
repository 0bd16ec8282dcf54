-- The spreadsheet a decision table came in as, per change request: its file name (and so its format) and, for a workbook,
-- the file itself, so that export gives the table back in its format with the sheets Drools does not compile. Only the
-- table's text (asset_version) is compiled, reviewed and released; this is never.
create table table_workbook (
    change_request_id varchar(36)  not null references change_request (id),
    path              varchar(300) not null,
    file_name         varchar(255) not null,
    workbook          bytea,
    saved_by          varchar(128) not null,
    saved_at          timestamp with time zone not null,
    primary key (change_request_id, path)
);
