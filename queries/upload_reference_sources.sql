-- Every bundled source, all columns, for the upload check (its source_id checks). Reads the loaded `sources` table,
-- not the `all_sources` view a session's uploaded sources join: the check compares against bundled data only.
-- params: none
-- grain: one row per source_id
with final as (
    select * from sources
)
select * from final
