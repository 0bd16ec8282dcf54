-- Every change that must end a user's open sessions (disabled, roles changed, password reset) raises
-- session_version; each request compares it with the one its session signed in under.
alter table app_user add column session_version bigint default 0 not null;
-- When the current one-time password was handed out; it expires (careplace.sign-in.one-time-password-validity).
-- Null once the user has chosen their own. One-time passwords issued before this column count from now.
alter table app_user add column one_time_password_issued_at timestamp with time zone;
update app_user set one_time_password_issued_at = current_timestamp where must_change_password = true;
