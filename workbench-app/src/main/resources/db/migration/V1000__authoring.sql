-- Workbench migrations are numbered from 1000; the decision service's stay below (one Flyway history per database).

-- A rule asset (DRL file, decision table) by its path in the kjar.
create table rule_asset (
    id          varchar(36)  primary key,
    path        varchar(255) not null unique,
    created_at  timestamp with time zone not null
);

-- Every saved content of an asset: mainline versions (change_request_id null) and change-request edits.
create table asset_version (
    id                varchar(36)  primary key,
    asset_id          varchar(36)  not null references rule_asset (id),
    change_request_id varchar(36),
    revision          integer      not null,
    content           text         not null,
    author            varchar(128) not null,
    reason            varchar(1000) not null,
    created_at        timestamp with time zone not null
);
create index asset_version_asset on asset_version (asset_id, created_at);

-- The mainline: which version of each asset the active release was built from.
create table mainline_asset (
    asset_id    varchar(36) primary key references rule_asset (id),
    version_id  varchar(36) not null references asset_version (id),
    revision    integer     not null
);

create table change_request (
    id          varchar(36)   primary key,
    title       varchar(200)  not null,
    rationale   varchar(4000) not null,
    author      varchar(128)  not null,
    status      varchar(32)   not null,
    created_at  timestamp with time zone not null,
    submitted_by varchar(128),
    submitted_at timestamp with time zone
);

-- A change request's working copy of an asset; revision guards against silent overwrites.
create table change_request_asset (
    change_request_id  varchar(36) not null references change_request (id),
    asset_id           varchar(36) not null references rule_asset (id),
    base_version_id    varchar(36) not null references asset_version (id),
    version_id         varchar(36) not null references asset_version (id),
    revision           integer     not null,
    primary key (change_request_id, asset_id)
);
