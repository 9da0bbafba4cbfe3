-- Every figure with its hub, metric, period flags, primary source, further sources and version count.
-- Created as the view `figure_details` when the database is built; the named queries select from it.
-- params: none
-- grain: one row per figure_id
with extra_sources as (
    select
        fs.figure_id,
        count(*) as n_extra,
        string_agg(s.publisher || ' (' || s.published || ')', '; ' order by s.published) as extra_publishers,
    from figure_sources as fs
    join all_sources as s on s.source_id = fs.source_id
    group by fs.figure_id
),
periods as (
    select
        f.*,
        exact_period(f.period_start, f.period_end, f.period_start_month, f.period_end_month, f.series) as period_key,
    from all_figures as f
),
versions as (
    -- From the figures' key columns directly, not from `periods`: a CTE read twice is materialised whole
    -- (every column, quotes included) on each query, while this way filters reach the scans (1M figures: ~1 s).
    select
        hub_id, metric, kind,
        exact_period(period_start, period_end, period_start_month, period_end_month, series) as period_key,
        count(distinct value) as n_versions,
    from all_figures
    group by all
),
final as (
    select
        p.figure_id,
        coalesce(p.family, m.family) as family,
        p.hub_id,
        h.name_ko as hub_name_ko,
        h.name_en as hub_name_en,
        h.hub_type,
        h.region_code,
        h.member_of,
        p.metric,
        m.label_ko as metric_label_ko,
        m.label_en as metric_label_en,
        p.unit,
        p.value,
        p.period_start,
        p.period_end,
        p.period_start_month,
        p.period_end_month,
        p.period_key.start_month as start_month,
        p.period_key.end_month as end_month,
        p.period_start < p.period_end as is_span,
        (p.period_key.start_month > 1 or p.period_key.end_month < 12) as is_part_year,
        p.period_end - p.period_start + 1 as period_years,
        p.kind,
        p.series,
        p.scope_note,
        p.quote,
        p.source_id,
        s.publisher,
        s.title as source_title,
        s.published,
        s.url,
        1 + coalesce(e.n_extra, 0) as n_sources,
        e.extra_publishers,
        v.n_versions,
        p.user_supplied,
    from periods as p
    join hubs as h on h.hub_id = p.hub_id
    join metrics as m on m.metric = p.metric
    left join all_sources as s on s.source_id = p.source_id
    left join extra_sources as e on e.figure_id = p.figure_id
    join versions as v
        on v.hub_id = p.hub_id
        and v.metric = p.metric
        and v.kind = p.kind
        and v.period_key = p.period_key
)
select * from final
