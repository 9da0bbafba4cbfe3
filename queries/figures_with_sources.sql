-- Every figure with every source that reports it (primary first), with how many versions the figure has.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int
-- grain: one row per figure_id x source_id
-- The rows and columns are the figure_source_rows view's, plus figure_details' n_versions. The page itself uses the
-- sources_* queries (counts, first rows, citations in SQL); tests hold them to this plain selection.
with final as (
    select r.*, d.n_versions
    from figure_source_rows as r
    join figure_details as d on d.figure_id = r.figure_id
    where (len($hubs) = 0 or list_contains($hubs, r.hub_id))
        and list_contains($kinds, r.kind)
        and r.period_end >= $year_from
        and r.period_start <= $year_to
)
select * from final
order by hub_id, family, metric, period_start, period_end, figure_id, is_primary desc, published, source_id
