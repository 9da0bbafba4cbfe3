-- Per-province total of one metric for one kind and one exact period, for the map; aggregates are never added.
-- params: $metric str, $kind str, $period_start int, $period_end int, $start_month int, $end_month int, $hubs list of hub_id (empty = all)
-- grain: one row per region_code that has at least one single hub with the figure
-- A total is only summed over single hubs (hub_type 'hub'); where any hub has conflicting versions
-- for this period the total is left null, since picking one version would be a silent choice.
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
    from single_hubs as s
    join hubs as h on h.hub_id = s.hub_id
    group by h.region_code
)
select * from final
order by region_code
