"""출처·데이터 (Sources & data) page: every figure with its sources, search, downloads, citation, dictionary, credits."""

import datetime as dt

import streamlit as st

from dashboard import export, family_view, filters, i18n, schema, sources_table, sources_view, ui, upload

f = filters.current()
lang = f.lang
st.title(i18n.t("page.sources.title", lang))
st.caption(i18n.t("sources.intro", lang))

# --- every figure with its sources (filters, optionally ignored; then the search) -------------
# Both come from the URL when valid (`?sources_all=1&sources_search=광주`, checked in filters) and go back into it.
filters.page_flag(filters.SOURCES_ALL)
show_all = st.toggle(i18n.t("sources.all_figures", lang), key=filters.SOURCES_ALL, persist_state="session")
filters.write_page_param(filters.SOURCES_ALL, show_all, False)
if not show_all and not f.kinds:
    ui.empty(lang, "msg.no_kinds")
filters.page_text(filters.SOURCES_SEARCH)
needle = st.text_input(
    i18n.t("sources.search", lang),
    key=filters.SOURCES_SEARCH,
    persist_state="session",
    placeholder=i18n.t("sources.search_placeholder", lang),
    max_chars=filters.SEARCH_MAX_CHARS,
)
filters.write_page_param(filters.SOURCES_SEARCH, (needle or "").strip(), "")
# The counts, table and citations come from a cached view (dashboard/sources_view.py): a rerun only draws.
shown = sources_view.sources_view(show_all, f.hubs, f.kinds, f.year_from, f.year_to, needle or "", lang)
st.caption(
    i18n.t("sources.rows", lang, n=f"{shown.n_rows:,}", figures=f"{shown.n_figures:,}", sources=f"{shown.n_sources:,}")
)
if shown.table is None:
    # Found among the kinds the filter hides? Say so, with the one click that shows them.
    hidden = (
        0
        if show_all or not needle
        else sources_view.sources_view(
            False,
            f.hubs,
            tuple(k for k in schema.KINDS if k not in f.kinds),
            f.year_from,
            f.year_to,
            needle,
            lang,
        ).n_figures
        if len(f.kinds) < len(schema.KINDS)
        else 0
    )
    if hidden:
        ui.empty(lang, "sources.hidden_by_kinds", n=f"{hidden:,}")
        st.button(
            i18n.t("kinds.show_all", lang),
            key="sources-show-kinds",
            on_click=family_view.show_kinds,
            args=(tuple(schema.KINDS),),
            type="primary",
        )
    else:
        ui.empty(lang, "sources.no_match" if needle and not shown.selection_empty else "msg.empty_selection")
else:
    if len(shown.table) < shown.n_rows:
        st.caption(i18n.t("sources.table_bounded", lang, shown=f"{len(shown.table):,}", n=f"{shown.n_rows:,}"))
    text_columns = ("hub", "metric", "value_formatted", "period", "kind")
    ui.data_table(
        shown.table,
        lang,
        hide_index=True,
        key="sources-table",
        legend=True,
        column_config={
            **{c: st.column_config.TextColumn(i18n.t(f"table.col.{c}", lang)) for c in text_columns},
            "scope_note": st.column_config.TextColumn(i18n.t("table.col.scope_note", lang), width="medium"),
            "quote": st.column_config.TextColumn(i18n.t("table.col.quote", lang), width="large"),
            "publisher": st.column_config.TextColumn(i18n.t("sources.publisher", lang)),
            "published": st.column_config.TextColumn(i18n.t("sources.published", lang)),
            "url": st.column_config.LinkColumn(i18n.t("sources.link", lang)),
            "role": st.column_config.TextColumn(i18n.t("sources.role", lang)),
            "user_supplied": st.column_config.CheckboxColumn(i18n.t("table.col.user_supplied", lang)),
        },
    )

# Each file is built once per selection and kept (memo), then handed over as bytes; a large one only on request.
selection = sources_view.selection_params(show_all, f.hubs, f.kinds, f.year_from, f.year_to)
left, right = st.columns(2)
with left:
    sources_view.csv_download(
        "all",
        i18n.t("download.all_data", lang),
        sources_view.ALL_FIGURES,
        "",
        lang,
        file_name=export.file_name("all-figures-and-sources"),
        prepare_label="sources.prepare_all",
        help=i18n.t("sources.download_all_help", lang),
    )
with right:
    sources_view.csv_download(
        "filtered",
        i18n.t("sources.download_filtered", lang),
        selection,
        needle or "",
        lang,
        file_name=export.file_name("figures-and-sources", "filtered"),
        prepare_label="sources.prepare_filtered",
        disabled=shown.table is None,
    )
left, right = st.columns(2)
with left:
    sources_view.xlsx_download(
        "all",
        i18n.t("download.all_data_xlsx", lang),
        sources_view.ALL_FIGURES,
        "",
        lang,
        file_name=export.file_name("all-figures-and-sources", ext="xlsx"),
    )
with right:
    sources_view.xlsx_download(
        "filtered",
        i18n.t("download.filtered_xlsx", lang),
        selection,
        needle or "",
        lang,
        file_name=export.file_name("figures-and-sources", "filtered", ext="xlsx"),
        disabled=shown.table is None,
    )

# --- how to cite -------------------------------------------------------------------------------
st.header(i18n.t("sources.cite.header", lang), divider="gray", anchor=False)
st.code(sources_table.dashboard_citation(dt.date.today().isoformat(), lang), language=None, wrap_lines=True)
st.caption(i18n.t("sources.cite.note", lang))
cites = shown.citations
with st.expander(i18n.t("sources.cite.per_source", lang, n=len(cites))):
    ui.data_table(
        cites[["citation", "n_figures", "url"]],
        lang,
        hide_index=True,
        key="sources-citations",
        column_config={
            "citation": st.column_config.TextColumn(i18n.t("sources.citation", lang)),
            "n_figures": st.column_config.NumberColumn(i18n.t("sources.figures", lang), format="%d"),
            "url": st.column_config.LinkColumn(i18n.t("sources.link", lang)),
        },
    )

# --- data dictionary and credits ---------------------------------------------------------------
st.header(i18n.t("sources.dictionary.header", lang), divider="gray", anchor=False)
st.caption(i18n.t("sources.dictionary.kinds", lang))
dictionary = sources_view.dictionary(lang)
ui.data_table(
    dictionary,
    lang,
    hide_index=True,
    key="sources-dictionary",
    column_order=["label", "family", "unit", "description", "metric"],
    column_config={c: st.column_config.TextColumn(i18n.t(f"sources.dictionary.{c}", lang)) for c in dictionary.columns},
)

st.header(i18n.t("sources.credits.header", lang), divider="gray", anchor=False)
st.caption(i18n.t("sources.credits.news", lang))
st.caption(ui.md_escape(ui.GEO_CREDIT))

# --- the user's own figures: template, upload, check, removal (session only) -------------------
upload.render(lang)
