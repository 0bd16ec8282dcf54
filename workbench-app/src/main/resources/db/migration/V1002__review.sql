-- Review decisions on change requests (approve or reject, with the reviewer's comment).
create table review (
    id                 varchar(36)   primary key,
    change_request_id  varchar(36)   not null references change_request (id),
    reviewer           varchar(128)  not null,
    verdict            varchar(16)   not null,
    comment            varchar(4000) not null,
    at                 timestamp with time zone not null
);

-- What the workbench knows of each release it built: the change request, the approval and the scenario report.
create table release_record (
    release_version    varchar(64)   primary key,
    change_request_id  varchar(36)   not null references change_request (id),
    approved_by        varchar(128)  not null,
    scenario_report    text          not null,
    at                 timestamp with time zone not null
);
