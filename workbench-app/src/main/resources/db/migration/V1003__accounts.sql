-- Workbench users. No default password exists: the first start creates an admin with a one-time password.
create table app_user (
    username             varchar(64)  primary key,
    password_hash        varchar(200) not null,
    roles                varchar(200) not null,
    must_change_password boolean      not null,
    enabled              boolean      not null,
    created_at           timestamp with time zone not null,
    created_by           varchar(128) not null
);
