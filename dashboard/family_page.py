"""The shared body of the four family pages (budgets, firms, personnel, outcomes): filters, then the metric and
scale pickers, then one cached view per section (dashboard/family_view.py), then drawing."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, family_view, filters, i18n, ui, upload, url_state

SCALE_KEY = url_state.SCALE
# The scale last set from the data's default rather than by the reader: while the picker still shows it, the next
# metric or page opens on its own default. A reader's pick (or a linked `?scale=`) is kept until changed.
_SCALE_DEFAULTED = "_scale_defaulted"


def render(family: str) -> None:
    """Draw a family page: title, intro, metric and scale pickers, trend with table and download, notes, plan vs
    actual."""
    f = filters.current()
    uploads = upload.session_uploads(st.session_state)
    lang = f.lang
    st.title(i18n.t(f"page.{family}.title", lang))
    st.caption(i18n.t(f"family_page.intro.{family}", lang))
    if not f.kinds:
        ui.empty(lang, "msg.no_kinds")
        return
    if not f.hubs:
        ui.empty(lang)
        return
    selection = (f.hubs, f.kinds, f.year_from, f.year_to)
    choices = family_view.metric_choices(family, *selection, lang, uploads)
    if not choices.options:
        ui.empty(lang, "family_page.no_metric")
        return
    ui.hidden_kinds_notice(choices.hidden_kinds, lang, key=f"{family}-show-kinds")
    metric = _metric_picker(family, list(choices.options), choices.names, lang)
    default = choices.default_scales.get(metric, "linear")
    scale = _scale_picker(lang, default)
    hidden = choices.hidden_only.get(metric)
    trend = None if hidden else family_view.trend_view(family, metric, *selection, lang, scale, uploads)
    plan_actual = family_view.plan_actual_view(family, metric, *selection, lang, uploads)
    if hidden:
        _hidden_metric(family, hidden, lang)
    else:
        _trend_section(family, trend, scale == default, lang)
    _plan_actual_section(family, plan_actual, lang)


def _metric_picker(family: str, options: list[str], names: dict[str, str], lang: str) -> str:
    # A metric with no figures under the current filters falls back to the default, the first option.
    return ui.linked_choice(
        i18n.t("filter.metric", lang), options, key=url_state.metric_key(family), format_func=names.get, lang=lang
    )


def _scale_picked() -> None:
    """The reader picked a scale: keep it across metrics and pages instead of each one's default."""
    st.session_state[_SCALE_DEFAULTED] = None


def _scale_picker(lang: str, default: str) -> str:
    """Linear, log or first year = 100 for the trend's value axis (key `scale`, shared by the family pages).

    Opens on `default` (the shown metric's, family_view.default_scale) until the reader picks a scale, which is
    then kept across metrics and pages; the URL holds the scale only when it differs from the metric's default."""
    state = st.session_state
    options = list(charts.SCALES)
    remembered = state.get(SCALE_KEY)
    defaulted = remembered not in options or remembered == state.get(_SCALE_DEFAULTED)
    if defaulted:
        # Not the reader's pick: the link (on the first visit) or this metric's default decides.
        state.pop(SCALE_KEY, None)
    with url_state.linked(SCALE_KEY, url_state.Choice(tuple(options)), default):
        if defaulted:
            state[_SCALE_DEFAULTED] = default if state[SCALE_KEY] == default else None
        chosen = st.segmented_control(
            i18n.t("scale.label", lang),
            options,
            format_func=lambda s: i18n.t(f"scale.{s}", lang),
            key=SCALE_KEY,
            help=i18n.t("scale.help", lang),
            required=True,
            persist_state="session",
            on_change=_scale_picked,
        )
    return chosen if chosen in charts.SCALES else default


def _hidden_metric(family: str, hidden: tuple[int, tuple[str, ...]], lang: str) -> None:
    """The picked metric has figures only of kinds the filter hides: say so, and offer them in one click."""
    n, of_kinds = hidden
    ui.empty(lang, "family_page.metric_hidden", n=n, kinds=family_view.kinds_text(of_kinds, lang))
    st.button(
        i18n.t("kinds.show", lang, kinds=family_view.kinds_text(of_kinds, lang)),
        key=f"{family}-show-metric-kinds",
        on_click=ui.show_kinds,
        args=(of_kinds,),
        type="primary",
    )


def _trend_section(family: str, trend: family_view.TrendView, on_default: bool, lang: str) -> None:
    ui.show_chart(trend.chart, key=f"{family}-trend", lang=lang)
    if trend.scale_note:
        st.caption(trend.scale_note)
    elif on_default and trend.log_note:
        st.caption(trend.log_note)
    if trend.hubs_shown < trend.hubs_total:
        st.caption(i18n.t("family_page.trend.bounded", lang, shown=trend.hubs_shown, total=trend.hubs_total))
    st.caption(i18n.t("family_page.caption", lang))
    _versions_notice(trend, lang)


def _versions_notice(trend: family_view.TrendView, lang: str) -> None:
    lines = trend.version_lines
    if not lines:
        return
    limit = family_view.MAX_VERSION_LINES
    shown = [f"- {ui.md_escape(line)}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"- … (+{len(lines) - limit})")
    st.warning(
        i18n.t("family_page.versions_notice", lang, n=trend.n_versions) + "\n\n" + "\n".join(shown),
        icon=":material/rule:",
    )


def _plan_actual_section(family: str, view: family_view.PlanActualView, lang: str) -> None:
    st.subheader(i18n.t("family_page.pva.header", lang))
    if view.status != "pairs":
        st.caption(i18n.t(f"family_page.pva.{view.status}", lang))
        return
    st.caption(i18n.t("family_page.pva.caption", lang))
    if view.unpaired_metric is not None:
        st.info(i18n.t("family_page.pva.other_metrics", lang, metric=view.unpaired_metric))
    for item in view.charts:
        ui.show_chart(item.chart, key=f"{family}-pva-{item.metric}", lang=lang)
        if item.shown < item.total:
            st.caption(i18n.t("family_page.pva.bounded", lang, shown=item.shown, total=item.total))
