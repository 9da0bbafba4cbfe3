-- Scalar macro: the one rule for "the same period" in SQL. Two figures are paired, grouped or counted as versions of
-- each other only when their exact_period values are equal: same first and last year, same months (a missing month
-- is the whole year's: 1 at the start, 12 at the end) and same series ('' when none). dashboard/periods.py holds the
-- same rule for Python. Created before the views, which use it.
-- params: period_start int, period_end int, period_start_month int or null, period_end_month int or null, series str or null
-- grain: one struct value per figure (period_start, period_end, start_month, end_month, series)
create macro exact_period(period_start, period_end, period_start_month, period_end_month, series) as {
    'period_start': period_start,
    'period_end': period_end,
    'start_month': coalesce(period_start_month, 1),
    'end_month': coalesce(period_end_month, 12),
    'series': coalesce(series, ''),
}
