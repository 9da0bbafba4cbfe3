-- One row per source of the Sources & data page's rows after its search, with how many of those figures it reports.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str
-- grain: one row per source_id (sources_table.citation_list orders and words them)
-- The selection and search are sources_counts.sql's.
with searched as (
    select 'hub' as dimension, hub_id as id, unnest([hub_id, name_ko, name_en]) as cell
    from hubs
    union all
    select 'metric' as dimension, metric as id, unnest([metric, label_ko, label_en]) as cell
    from metrics
    union all
    select 'source' as dimension, source_id as id, publisher as cell
    from all_sources
),
matched as (
    select distinct dimension, id
    from searched
    where (contains(lower(cell), $needle) and not list_contains($special_misses::varchar[], cell))
        or list_contains($special_hits::varchar[], cell)
),
found as (
    select figure_id, source_id, publisher, source_title, published, url
    from figure_source_rows
    where (len($hubs) = 0 or list_contains($hubs, hub_id))
        and list_contains($kinds, kind)
        and period_end >= $year_from
        and period_start <= $year_to
        and (
            $needle = ''
            or hub_id in (select id from matched where dimension = 'hub')
            or metric in (select id from matched where dimension = 'metric')
            or source_id in (select id from matched where dimension = 'source')
            or (contains(lower(quote), $needle) and not list_contains($special_misses::varchar[], quote))
            or list_contains($special_hits::varchar[], quote)
        )
),
final as (
    select
        source_id,
        any_value(publisher) as publisher,
        any_value(published) as published,
        any_value(source_title) as title,
        any_value(url) as url,
        count(distinct figure_id) as n_figures,
    from found
    group by source_id
)
select * from final
order by source_id
