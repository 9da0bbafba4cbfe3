-- Every bundled metric, all columns, for the upload check (metric ids, units and families); the loaded table as validated.
-- params: none
-- grain: one row per metric
with final as (
    select * from metrics
)
select * from final
