-- Table macro: the Sources & data page's selection, every figure x source row of figure_source_rows in the chosen
-- hubs, kinds and years, with is_found telling whether the row matches the search. Created with the database;
-- sources_counts, sources_rows and sources_citations select from it.
-- params: hubs list of hub_id (empty = all), kinds list of kind, year_from int, year_to int, needle str (stripped and casefolded, '' = no search), special_hits list of str, special_misses list of str, value_lo and value_hi double (the search text read as a number by dashboard.numsearch; null = not a number)
-- grain: one row per figure_id x source_id
-- The search is sources_table.search's: a row matches when its hub id or names, metric id or labels, publisher or
-- quote contain the needle, or its value lies in [value_lo, value_hi] (the needle written as a number: "1,076억",
-- "1천76억" and "KRW 107.6 bn" find the same figure). lower() folds like Python's casefold except in the cells sources_search_special_cells
-- lists, which Python has already split into special_hits and special_misses (sources_table.split_special).
create macro sources_selection(hubs, kinds, year_from, year_to, needle, special_hits, special_misses, value_lo := null,
                               value_hi := null) as table
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
    where (contains(lower(cell), needle) and not list_contains(special_misses::varchar[], cell))
        or list_contains(special_hits::varchar[], cell)
)
select
    *,
    needle = ''
        or hub_id in (select id from matched where dimension = 'hub')
        or metric in (select id from matched where dimension = 'metric')
        or source_id in (select id from matched where dimension = 'source')
        or (contains(lower(quote), needle) and not list_contains(special_misses::varchar[], quote))
        or list_contains(special_hits::varchar[], quote)
        or coalesce(value between value_lo::double and value_hi::double, false) as is_found,
from figure_source_rows
where (len(hubs) = 0 or list_contains(hubs, hub_id))
    and list_contains(kinds, kind)
    and period_end >= year_from
    and period_start <= year_to
