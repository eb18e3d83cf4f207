-- How each backpack runs where the driver can choose (Swarm): replicas and per-service limits, as
-- the JSON of dev.backpack.admin.drivers.entity.Deployment; '{}' is one instance without limits.
alter table backpacks add column deployment text not null default '{}';

-- the operation that applies a new deployment
alter table operations drop constraint operations_kind_check;
alter table operations add constraint operations_kind_check check (kind in ('create', 'delete', 'update'));
