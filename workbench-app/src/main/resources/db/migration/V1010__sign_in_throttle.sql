-- Sign-in throttling, shared by every workbench node: one row per name tried ('account:dana', also for
-- names that are no account, so that both answer alike) and per client address ('address:203.0.113.7').
-- An attempt is counted before its password is checked (so parallel guesses cannot slip past the count)
-- and uncounted when it succeeds.
create table sign_in_throttle (
    throttle_key    varchar(200) primary key,
    failures        integer      not null,
    last_attempt_at timestamp with time zone not null,
    paused_until    timestamp with time zone
);
