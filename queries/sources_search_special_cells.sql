-- Searchable cells with a character that DuckDB's lower() folds differently from Python's str.casefold (µ, ß, İ,
-- final sigma, Greek extended, Cherokee, Latin ligatures, ...), so the Sources & data search decides them in Python.
-- params: none
-- grain: one row per distinct cell (hub ids and names, metric ids and labels, publishers, quotes)
-- The character class is a superset of the code points where the two differ; tests/test_sources_search.py checks
-- it against every code point, so an upgrade that changes either folding fails a test instead of a search.
with cells as (
    select unnest([hub_id, name_ko, name_en]) as cell
    from hubs
    union all
    select unnest([metric, label_ko, label_en]) as cell
    from metrics
    union all
    select publisher as cell
    from all_sources
    union all
    select quote as cell
    from all_figures
    union all
    select quote as cell
    from figure_sources
),
final as (
    select distinct cell
    from cells
    where regexp_matches(cell, '[\x{B5}\x{DF}\x{130}\x{149}\x{17F}\x{1F0}\x{345}\x{390}\x{3B0}\x{3C2}\x{3D0}-\x{3D6}\x{3F0}-\x{3F5}\x{587}\x{13A0}-\x{13FF}\x{1C80}-\x{1C8F}\x{1E96}-\x{1E9E}\x{1F00}-\x{1FFF}\x{AB70}-\x{ABBF}\x{FB00}-\x{FB17}]')
)
select * from final
order by cell
