-- How many of sources_rows' rows (limit null) each hub has, in sources_rows' hub order. The Sources page's download
-- runs sources_rows a few hubs at a time in this order, so each run sorts only those hubs' rows (at 1M figures one
-- sort of every row held about 1 GB) and the parts, one after another, are sources_rows' whole result in its order.
-- params: $hubs list of hub_id (empty = all), $kinds list of kind, $year_from int, $year_to int, $needle str (stripped and casefolded, '' = no search), $special_hits list of str, $special_misses list of str, $value_lo double, $value_hi double (null = no number search)
-- grain: one row per hub_id
select hub_id, count(*) as n_rows
from sources_selection($hubs, $kinds, $year_from, $year_to, $needle, $special_hits, $special_misses,
                       value_lo := $value_lo, value_hi := $value_hi)
where is_found
group by hub_id
order by hub_id
