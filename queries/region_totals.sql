-- Per-province total of one metric for one kind and one exact period, for the map; aggregates are never added.
-- params: $metric str, $kind str, $period_start int, $period_end int, $start_month int, $end_month int, $hubs list of hub_id (empty = all)
-- grain: one row per region_code that has at least one single hub with the figure
-- A total is only summed over single hubs (hub_type 'hub'); where any hub has more than one value for this
-- period (conflicting versions, or several series such as the parts of one plan) the total is left null,
-- since picking one value would be a silent choice and adding parts would be a guess about their overlap.
-- A hub counts once even when several sources (or an upload) report its one value; has_user_supplied says
-- whether a session's uploaded figure is part of the total.
with matching as (
    select *
    from figure_details
    where metric = $metric
        and kind = $kind
        and period_start = $period_start
        and period_end = $period_end
        and start_month = $start_month
        and end_month = $end_month
        and (len($hubs) = 0 or list_contains($hubs, hub_id))
),
single_hubs as (
    select * from matching where hub_type = 'hub'
),
per_hub as (
    -- With one value per hub every row of the hub holds it (several sources report it): take it once.
    select
        hub_id,
        max(hub_name_ko) as hub_name_ko,
        max(hub_name_en) as hub_name_en,
        max(value) as value,
        max(unit) as unit,
        count(distinct value) as n_versions,
        bool_or(user_supplied) as user_supplied,
    from single_hubs
    group by hub_id
),
final as (
    select
        h.region_code,
        max(h.region_ko) as region_ko,
        max(h.region_en) as region_en,
        count(distinct s.hub_id) as n_hubs,
        max(s.n_versions) > 1 as has_conflicting_versions,
        case when max(s.n_versions) > 1 then null else sum(s.value) end as total,
        max(s.unit) as unit,
        string_agg(distinct s.hub_name_ko, ', ') as hubs_ko,
        string_agg(distinct s.hub_name_en, ', ') as hubs_en,
        bool_or(s.user_supplied) as has_user_supplied,
    from per_hub as s
    join hubs as h on h.hub_id = s.hub_id
    group by h.region_code
)
select * from final
order by region_code
