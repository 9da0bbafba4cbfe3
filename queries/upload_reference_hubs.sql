-- Every bundled hub, all columns, for the upload check (its hub_id checks); the loaded table as validated.
-- params: none
-- grain: one row per hub_id
with final as (
    select * from hubs
)
select * from final
