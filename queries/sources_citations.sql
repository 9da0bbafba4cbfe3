-- One row per source of the Sources & data page's rows after its search, with how many of those figures it reports.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str, $value_lo double, $value_hi double (null = no number search)
-- grain: one row per source_id (sources_table.citation_list orders and words them)
-- The selection and search are the sources_selection macro's (queries/macros/sources_selection.sql).
with found as (
    select figure_id, source_id, publisher, source_title, published, url
    from sources_selection($hubs, $kinds, $year_from, $year_to, $needle, $special_hits, $special_misses,
                           value_lo := $value_lo, value_hi := $value_hi)
    where is_found
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
