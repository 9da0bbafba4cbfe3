-- Figures of the chosen families and metrics for the chosen hubs, kinds and years, for the family charts and hub profile.
-- params: $families list of family (empty = all), $metrics list of metric (empty = all), $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int
-- grain: one row per figure_id; a figure is kept when its period overlaps [$year_from, $year_to]
with final as (
    select *
    from figure_details
    where (len($families) = 0 or list_contains($families, family))
        and (len($metrics) = 0 or list_contains($metrics, metric))
        and (len($hubs) = 0 or list_contains($hubs, hub_id))
        and list_contains($kinds, kind)
        and period_end >= $year_from
        and period_start <= $year_to
)
select * from final
order by hub_id, metric, period_start, period_end, start_month, end_month, kind, figure_id
