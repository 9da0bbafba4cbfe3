-- The latest actual (or cumulative actual) figure per hub and metric, ranked within each family, for the Overview cards.
-- params: $hubs list of hub_id (empty = all)
-- grain: one row per hub_id x metric; family_rank 1 is the hub's most recent figure in that family
with actuals as (
    select *
    from figure_details
    where kind in ('actual', 'cumulative_actual')
        and (len($hubs) = 0 or list_contains($hubs, hub_id))
),
latest as (
    select
        *,
        row_number() over (
            partition by hub_id, metric
            order by period_end desc, end_month desc, (kind = 'actual') desc, period_start desc, value desc, figure_id
        ) as metric_rank,
    from actuals
),
final as (
    select
        * exclude (metric_rank),
        row_number() over (
            partition by hub_id, family
            order by period_end desc, end_month desc, (kind = 'actual') desc, n_sources desc, metric, figure_id
        ) as family_rank,
    from latest
    where metric_rank = 1
)
select * from final
order by hub_id, family, family_rank
