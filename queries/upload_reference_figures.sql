-- The bundled fact rows an upload could collide with, for the upload check: rows whose figure_id the upload uses, or
-- whose hub_id and metric pair occurs in the upload (only those can be the same figure: hub and metric are in its key).
-- Reads the loaded `figures` table, not the `all_figures` view a session's uploads join: the check compares against
-- bundled data only. Only figure_id, the family and the figure key (validate._FIGURE_KEY) are read, never the quotes.
-- params: $figure_ids list of figure_id, $pair_hubs list of hub_id, $pair_metrics list of metric ($pair_hubs[i] with $pair_metrics[i] is one pair)
-- grain: one row per figure_id
with wanted_ids as (
    select unnest($figure_ids::varchar[]) as figure_id,
),
wanted_pairs as (
    select
        unnest($pair_hubs::varchar[]) as hub_id,
        unnest($pair_metrics::varchar[]) as metric,
),
final as (
    -- figure_id, the family and the figure key: every fact column but the unit and the words (quote, scope_note)
    select f.family, f.* exclude (family, unit, quote, scope_note)
    from figures as f
    where f.figure_id in (select figure_id from wanted_ids)
        or exists (select 1 from wanted_pairs as p where p.hub_id = f.hub_id and p.metric = f.metric)
)
select * from final
