-- A ratio of two metrics for one hub, only from figure pairs with the same hub, kind, exact period and series
-- (a named programme's budget is never divided by another programme's trainees).
-- params: $hubs list of hub_id (empty = all), $numerator str, $denominator str
-- grain: one row per (numerator figure, denominator figure) pair; both sources are kept
with keyed as (
    select *, exact_period(period_start, period_end, period_start_month, period_end_month, series) as period_key
    from figure_details
    where metric in ($numerator, $denominator)
),
num as (
    select * from keyed where metric = $numerator
),
den as (
    select * from keyed where metric = $denominator and value > 0
),
final as (
    select
        n.hub_id,
        n.hub_name_ko,
        n.hub_name_en,
        n.kind,
        n.period_start,
        n.period_end,
        n.start_month,
        n.end_month,
        n.figure_id as numerator_figure_id,
        n.value as numerator_value,
        n.unit as numerator_unit,
        n.publisher as numerator_publisher,
        n.published as numerator_published,
        n.user_supplied as numerator_user_supplied,
        d.figure_id as denominator_figure_id,
        d.value as denominator_value,
        d.unit as denominator_unit,
        d.publisher as denominator_publisher,
        d.published as denominator_published,
        d.user_supplied as denominator_user_supplied,
        n.value / d.value as ratio,
    from num as n
    join den as d
        on d.hub_id = n.hub_id
        and d.kind = n.kind
        and d.period_key = n.period_key
    where len($hubs) = 0 or list_contains($hubs, n.hub_id)
)
select * from final
order by hub_id, period_end, numerator_figure_id, denominator_figure_id
