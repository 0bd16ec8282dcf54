-- Cases offered to authors as regression scenarios by those who may read the decision log. De-identified when
-- offered (no request id, no decision id, no date, ages over 89 written as 90): authors read this table, never the log.
create table offered_case (
    id              varchar(36)   primary key,
    name            varchar(120)  not null,
    note            varchar(1000) not null,
    given_json      text          not null,
    expect_json     text          not null,
    origin          varchar(200)  not null,
    change_request_id varchar(36),
    offered_by      varchar(100)  not null,
    offered_at      timestamp with time zone not null,
    used_by         varchar(100),
    used_in         varchar(36),
    used_at         timestamp with time zone
);
