-- Append-only audit trail; each entry's hash covers the previous entry's hash (tamper evidence).
create table audit_entry (
    seq        bigint        primary key,
    at         timestamp with time zone not null,
    actor      varchar(128)  not null,
    action     varchar(64)   not null,
    subject    varchar(255)  not null,
    detail     varchar(4000) not null,
    prev_hash  varchar(64)   not null,
    hash       varchar(64)   not null
);
create index audit_entry_actor on audit_entry (actor, at);
create index audit_entry_action on audit_entry (action, at);

-- The chain's head: appends lock this row, so entries from several workbench nodes chain in one order.
create table audit_head (
    id    integer     primary key,
    seq   bigint      not null,
    hash  varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
