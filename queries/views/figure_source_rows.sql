-- Every figure with every source that reports it (primary first), with the hub and metric names and the source's
-- details: figures_with_sources' rows without figure_details' version counts, which cost a pass over every figure.
-- Created as the view `figure_source_rows` when the database is built; the sources_* queries select from it.
-- params: none
-- grain: one row per figure_id x source_id
with links as (
    select figure_id, source_id, quote, true as is_primary
    from all_figures
    union all
    select figure_id, source_id, quote, false as is_primary
    from figure_sources
),
final as (
    select
        f.figure_id,
        coalesce(f.family, m.family) as family,
        f.hub_id,
        h.name_ko as hub_name_ko,
        h.name_en as hub_name_en,
        f.metric,
        m.label_ko as metric_label_ko,
        m.label_en as metric_label_en,
        f.unit,
        f.value,
        f.period_start,
        f.period_end,
        f.period_start_month,
        f.period_end_month,
        f.kind,
        f.scope_note,
        f.user_supplied,
        l.is_primary,
        l.source_id,
        s.publisher,
        s.title as source_title,
        s.published,
        s.published_note,
        s.url,
        s.language as source_language,
        l.quote,
    from all_figures as f
    join hubs as h on h.hub_id = f.hub_id
    join metrics as m on m.metric = f.metric
    join links as l on l.figure_id = f.figure_id
    left join all_sources as s on s.source_id = l.source_id
)
select * from final
