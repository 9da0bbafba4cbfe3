-- Figures of the chosen hubs grouped into comparable sets (same metric, kind, exact period and series), for Compare hubs.
-- params: $hubs list of hub_id, $kinds list of kind
-- grain: one row per figure_id; n_hubs_in_group counts the chosen hubs that share its metric, kind and period
with chosen as (
    select *
    from figure_details
    where list_contains($hubs, hub_id)
        and list_contains($kinds, kind)
),
final as (
    select
        *,
        count(distinct hub_id) over (
            partition by metric, kind, exact_period(period_start, period_end, period_start_month, period_end_month, series)
        ) as n_hubs_in_group,
        count(distinct hub_id) over (partition by metric) as n_hubs_with_metric,
    from chosen
)
select * from final
order by family, metric, kind, period_end desc, end_month desc, period_start desc, hub_id, figure_id
