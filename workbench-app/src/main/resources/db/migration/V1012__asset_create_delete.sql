-- Change requests create and delete assets: a working copy without a base is an asset the change request
-- creates; a deleted one is an asset it removes from mainline (its version holds the deletion's author and reason).
alter table change_request_asset alter column base_version_id drop not null;
alter table change_request_asset add column deleted boolean default false not null;
