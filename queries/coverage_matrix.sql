-- Which years each hub has figures for, per family: actual, cumulative, plan or target, or missing.
-- params: $hubs list of hub_id (empty = all), $year_from int, $year_to int
-- grain: one row per hub_id x year x family (missing cells included, mark = 'missing')
with years as (
    select unnest(range($year_from, $year_to + 1)) as year
),
chosen_hubs as (
    select hub_id, name_ko, name_en
    from hubs
    where len($hubs) = 0 or list_contains($hubs, hub_id)
),
families as (
    select unnest(['budgets', 'firms', 'personnel', 'outcomes']) as family
),
covered as (
    select
        f.hub_id,
        y.year,
        f.family,
        max(case f.kind
            when 'actual' then 3
            when 'cumulative_actual' then 2
            else 1
        end) as strength,
        count(*) as n_figures,
        count(*) filter (where f.user_supplied) as n_user_figures,
    from figure_details as f
    join years as y on y.year between f.period_start and f.period_end
    group by all
),
final as (
    select
        h.hub_id,
        h.name_ko as hub_name_ko,
        h.name_en as hub_name_en,
        y.year,
        fa.family,
        case c.strength
            when 3 then 'actual'
            when 2 then 'cumulative'
            when 1 then 'plan_target'
            else 'missing'
        end as mark,
        coalesce(c.n_figures, 0) as n_figures,
        coalesce(c.n_user_figures, 0) as n_user_figures,
    from chosen_hubs as h
    cross join years as y
    cross join families as fa
    left join covered as c
        on c.hub_id = h.hub_id and c.year = y.year and c.family = fa.family
)
select * from final
order by hub_id, family, year
