-- How many figure x source rows the Sources & data page lists before and after its search, and of how many
-- figures and sources.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str
-- grain: one row
-- The search is sources_table.search's: a row matches when its hub id or names, metric id or labels, publisher or
-- quote contain the needle. lower() folds like Python's casefold except in the cells sources_search_special_cells
-- lists, which Python has already split into $special_hits and $special_misses (sources_table.split_special).
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
chosen as (
    select
        figure_id,
        source_id,
        $needle = ''
            or hub_id in (select id from matched where dimension = 'hub')
            or metric in (select id from matched where dimension = 'metric')
            or source_id in (select id from matched where dimension = 'source')
            or (contains(lower(quote), $needle) and not list_contains($special_misses::varchar[], quote))
            or list_contains($special_hits::varchar[], quote) as is_found,
    from figure_source_rows
    where (len($hubs) = 0 or list_contains($hubs, hub_id))
        and list_contains($kinds, kind)
        and period_end >= $year_from
        and period_start <= $year_to
),
final as (
    select
        count(*) as n_selected,
        count(*) filter (where is_found) as n_rows,
        count(distinct figure_id) filter (where is_found) as n_figures,
        count(distinct source_id) filter (where is_found) as n_sources,
    from chosen
)
select * from final
