-- The first and last year any figure covers, for the year-range slider.
-- params: none
-- grain: one row
with final as (
    select
        min(period_start) as year_min,
        max(period_end) as year_max,
    from all_figures
)
select * from final
