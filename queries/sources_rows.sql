-- The Sources & data page's figure x source rows after its search, in figures_with_sources' order and columns (but
-- n_versions): the first rows for the table, or all of them (limit null) for the download.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str, $value_lo double, $value_hi double (null = no number search), $limit int (null = no limit)
-- grain: one row per figure_id x source_id
-- The selection and search are the sources_selection macro's (queries/macros/sources_selection.sql).
with found as (
    select * exclude (is_found)
    from sources_selection($hubs, $kinds, $year_from, $year_to, $needle, $special_hits, $special_misses,
                           value_lo := $value_lo, value_hi := $value_hi)
    where is_found
)
select * from found
order by hub_id, family, metric, period_start, period_end, figure_id, is_primary desc, published, source_id
limit $limit
