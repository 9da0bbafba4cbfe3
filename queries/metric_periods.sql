-- Which (metric, kind, period) combinations exist and for how many single hubs, for the map's metric picker.
-- params: none
-- grain: one row per metric x kind x period (with months)
with final as (
    select
        metric,
        max(metric_label_ko) as metric_label_ko,
        max(metric_label_en) as metric_label_en,
        max(family) as family,
        max(unit) as unit,
        kind,
        period_start,
        period_end,
        start_month,
        end_month,
        count(distinct hub_id) filter (where hub_type = 'hub') as n_single_hubs,
        count(distinct hub_id) as n_hubs,
        count(*) as n_figures,
    from figure_details
    group by metric, kind, period_start, period_end, start_month, end_month
)
select * from final
order by n_single_hubs desc, period_end desc, metric, kind, period_start, start_month, end_month
