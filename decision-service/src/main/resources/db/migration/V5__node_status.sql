-- Which release each running node serves, written by the node at every deployment poll (database clock).
-- A node that refused the newest deployment leaves the load balancer only while another node serves it
-- (README, Decision service, Operations). Rows of nodes gone for an hour are deleted by the others.
create table node_status (
    node_id     varchar(36) primary key,
    release_id  varchar(36),
    seen_at     timestamp with time zone not null
);
