-- Every hub with its region, type, containment, names and how many figures it has, for filters and profiles.
-- params: none
-- grain: one row per hub_id
with counts as (
    select hub_id, count(*) as n_figures, min(period_start) as first_year, max(period_end) as last_year,
    from all_figures
    group by hub_id
),
final as (
    select
        h.*,
        coalesce(c.n_figures, 0) as n_figures,
        c.first_year,
        c.last_year,
    from hubs as h
    left join counts as c on c.hub_id = h.hub_id
)
select * from final
order by n_figures desc, hub_id
