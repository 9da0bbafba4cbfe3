-- Plan or target figures paired with an actual for the same hub, metric, scope (series) and exact period, with the ratio.
-- params: $hubs list of hub_id (empty = all), $families list of family (empty = all)
-- grain: one row per (plan-or-target figure, actual figure) pair
with chosen as (
    select *, exact_period(period_start, period_end, period_start_month, period_end_month, series) as period_key
    from figure_details
    where (len($hubs) = 0 or list_contains($hubs, hub_id))
        and (len($families) = 0 or list_contains($families, family))
),
plans as (
    select * from chosen where kind in ('plan', 'target')
),
actuals as (
    select * from chosen where kind in ('actual', 'cumulative_actual')
),
final as (
    select
        p.hub_id,
        p.hub_name_ko,
        p.hub_name_en,
        p.family,
        p.metric,
        p.metric_label_ko,
        p.metric_label_en,
        p.unit,
        p.period_start,
        p.period_end,
        p.start_month,
        p.end_month,
        p.series,
        p.figure_id as plan_figure_id,
        p.kind as plan_kind,
        p.value as plan_value,
        p.publisher as plan_publisher,
        p.published as plan_published,
        p.quote as plan_quote,
        p.user_supplied as plan_user_supplied,
        a.figure_id as actual_figure_id,
        a.kind as actual_kind,
        a.value as actual_value,
        a.publisher as actual_publisher,
        a.published as actual_published,
        a.quote as actual_quote,
        a.user_supplied as actual_user_supplied,
        case when p.value > 0 then a.value / p.value end as ratio,
    from plans as p
    join actuals as a
        on a.hub_id = p.hub_id
        and a.metric = p.metric
        -- Same period and scope (series): a plan for one part of a programme is never set against the actual of another part.
        and a.period_key = p.period_key
)
select * from final
order by hub_id, family, metric, period_start, period_end, plan_figure_id, actual_figure_id
