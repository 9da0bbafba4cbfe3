-- Every figure with every source that reports it (primary first), for the Sources & data table and downloads.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int
-- grain: one row per figure_id x source_id
with primary_sources as (
    select figure_id, source_id, quote, true as is_primary
    from all_figures
),
further_sources as (
    select figure_id, source_id, quote, false as is_primary
    from figure_sources
),
links as (
    select * from primary_sources
    union all
    select * from further_sources
),
final as (
    select
        d.figure_id,
        d.family,
        d.hub_id,
        d.hub_name_ko,
        d.hub_name_en,
        d.metric,
        d.metric_label_ko,
        d.metric_label_en,
        d.unit,
        d.value,
        d.period_start,
        d.period_end,
        d.period_start_month,
        d.period_end_month,
        d.kind,
        d.scope_note,
        d.n_versions,
        d.user_supplied,
        l.is_primary,
        l.source_id,
        s.publisher,
        s.title as source_title,
        s.published,
        s.published_note,
        s.url,
        s.language as source_language,
        l.quote,
    from figure_details as d
    join links as l on l.figure_id = d.figure_id
    left join all_sources as s on s.source_id = l.source_id
    where (len($hubs) = 0 or list_contains($hubs, d.hub_id))
        and list_contains($kinds, d.kind)
        and d.period_end >= $year_from
        and d.period_start <= $year_to
)
select * from final
order by hub_id, family, metric, period_start, period_end, figure_id, is_primary desc, published, source_id
