-- How many figure x source rows the Sources & data page lists before and after its search, and of how many
-- figures and sources.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str, $value_lo double, $value_hi double (null = no number search)
-- grain: one row
-- The selection and search are the sources_selection macro's (queries/macros/sources_selection.sql).
with chosen as (
    select figure_id, source_id, is_found
    from sources_selection($hubs, $kinds, $year_from, $year_to, $needle, $special_hits, $special_misses,
                           value_lo := $value_lo, value_hi := $value_hi)
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
