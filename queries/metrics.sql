-- Every metric with its family, labels, unit and figure count, for metric pickers and the data dictionary.
-- params: none
-- grain: one row per metric
with counts as (
    select metric, count(*) as n_figures, count(distinct hub_id) as n_hubs,
    from all_figures
    group by metric
),
final as (
    select
        m.*,
        coalesce(c.n_figures, 0) as n_figures,
        coalesce(c.n_hubs, 0) as n_hubs,
    from metrics as m
    left join counts as c on c.metric = m.metric
)
select * from final
order by family, n_figures desc, metric
