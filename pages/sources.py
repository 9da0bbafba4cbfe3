"""출처·데이터 (Sources & data) page: every figure with its sources, search, downloads, citation, dictionary, credits."""

import datetime as dt

import streamlit as st

from dashboard import data, export, filters, fmt, i18n, schema, sources_table, ui

f = filters.current()
lang = f.lang
st.title(i18n.t("page.sources.title", lang))
st.caption(i18n.t("sources.intro", lang))

# --- every figure with its sources (filters, optionally ignored; then the search) -------------
show_all = st.toggle(i18n.t("sources.all_figures", lang), key="sources_all", persist_state="session")
everything = data.query("figures_with_sources", hubs=[], kinds=list(schema.KINDS),
                        year_from=schema.YEAR_MIN, year_to=schema.YEAR_MAX)
if show_all:
    rows = everything
elif not f.kinds:
    ui.empty(lang, "msg.no_kinds")
    rows = everything.head(0)
else:
    rows = data.query("figures_with_sources", hubs=f.hub_list, kinds=f.kind_list,
                      year_from=f.year_from, year_to=f.year_to)
needle = st.text_input(i18n.t("sources.search", lang), key="sources_search", persist_state="session",
                       placeholder=i18n.t("sources.search_placeholder", lang), max_chars=100)
found = sources_table.search(rows, needle)
st.caption(i18n.t("sources.rows", lang, n=len(found), figures=found["figure_id"].nunique(),
                  sources=found["source_id"].nunique()))
if found.empty:
    ui.empty(lang, "sources.no_match" if needle and not rows.empty else "msg.empty_selection")
else:
    table = sources_table.display_table(found, lang)
    text_columns = ("hub", "metric", "value_formatted", "period", "kind")
    st.dataframe(
        table, hide_index=True, key="sources-table", placeholder=fmt.MISSING,
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

left, right = st.columns(2)
with left:
    st.download_button(
        i18n.t("download.all_data", lang), data=export.to_csv_bytes(sources_table.export_table(everything, lang), lang),
        file_name=export.file_name("all-figures-and-sources"), mime="text/csv", key="download-all",
        on_click="ignore", icon=":material/download:", help=i18n.t("sources.download_all_help", lang),
    )
with right:
    st.download_button(
        i18n.t("sources.download_filtered", lang), data=export.to_csv_bytes(sources_table.export_table(found, lang), lang),
        file_name=export.file_name("figures-and-sources", "filtered"), mime="text/csv", key="download-filtered",
        on_click="ignore", icon=":material/download:", disabled=found.empty,
    )

# --- how to cite -------------------------------------------------------------------------------
st.header(i18n.t("sources.cite.header", lang), divider="gray", anchor=False)
st.code(sources_table.dashboard_citation(dt.date.today().isoformat(), lang), language=None, wrap_lines=True)
st.caption(i18n.t("sources.cite.note", lang))
cites = sources_table.citations(found, lang)
with st.expander(i18n.t("sources.cite.per_source", lang, n=len(cites))):
    st.dataframe(
        cites[["citation", "n_figures", "url"]], hide_index=True, key="sources-citations", placeholder=fmt.MISSING,
        column_config={
            "citation": st.column_config.TextColumn(i18n.t("sources.citation", lang)),
            "n_figures": st.column_config.NumberColumn(i18n.t("sources.figures", lang), format="%d"),
            "url": st.column_config.LinkColumn(i18n.t("sources.link", lang)),
        },
    )

# --- data dictionary and credits ---------------------------------------------------------------
st.header(i18n.t("sources.dictionary.header", lang), divider="gray", anchor=False)
st.caption(i18n.t("sources.dictionary.kinds", lang))
dictionary = sources_table.data_dictionary(data.query("metrics"), lang)
st.dataframe(
    dictionary, hide_index=True, key="sources-dictionary", placeholder=fmt.MISSING,
    column_order=["label", "family", "unit", "description", "metric"],
    column_config={c: st.column_config.TextColumn(i18n.t(f"sources.dictionary.{c}", lang)) for c in dictionary.columns},
)

st.header(i18n.t("sources.credits.header", lang), divider="gray", anchor=False)
st.caption(i18n.t("sources.credits.news", lang))
st.caption(ui.md_escape(ui.GEO_CREDIT))

# --- the upload of the user's own figures (issue 4) goes below this line, as the page's last section ---
