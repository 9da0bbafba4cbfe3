"""출처·데이터 (Sources & data) page: every figure with its sources, search, downloads, citation, dictionary, credits."""

import datetime as dt

import streamlit as st

from dashboard import export, filters, i18n, schema, sources_table, sources_view, ui, upload, url_state, xlsx

f = filters.current()
lang = f.lang
uploads = upload.session_uploads(st.session_state)
st.title(i18n.t("page.sources.title", lang))
st.caption(i18n.t("sources.intro", lang))

# --- every figure with its sources (filters, optionally ignored; then the search) -------------
# Both come from the URL when valid (`?sources_all=1&sources_search=광주`, checked in url_state) and go back into it.
with url_state.linked(url_state.SOURCES_ALL, url_state.Flag(), False):
    show_all = st.toggle(i18n.t("sources.all_figures", lang), key=url_state.SOURCES_ALL, persist_state="session")
if not show_all and not f.kinds:
    ui.empty(lang, "msg.no_kinds")
with url_state.linked(url_state.SOURCES_SEARCH, url_state.Text(), ""):
    needle = st.text_input(
        i18n.t("sources.search", lang),
        key=url_state.SOURCES_SEARCH,
        persist_state="session",
        placeholder=i18n.t("sources.search_placeholder", lang),
        max_chars=url_state.SEARCH_MAX_CHARS,
    )
needle = needle or ""
# The counts, table and citations come from a cached view (dashboard/sources_view.py): a rerun only draws.
shown = sources_view.figure_list(show_all, f.hubs, f.kinds, f.year_from, f.year_to, needle, lang, uploads)
st.caption(
    i18n.t("sources.rows", lang, n=f"{shown.n_rows:,}", figures=f"{shown.n_figures:,}", sources=f"{shown.n_sources:,}")
)
if shown.table is not None:
    if len(shown.table) < shown.n_rows:
        st.caption(i18n.t("sources.table_bounded", lang, shown=f"{len(shown.table):,}", n=f"{shown.n_rows:,}"))
    ui.data_table(
        shown.table,
        lang,
        hide_index=True,
        key="sources-table",
        legend=True,
        column_config={
            **ui.figure_columns(lang, ("hub", "metric", "value_formatted", "period", "kind"), "url"),
            "publisher": st.column_config.TextColumn(i18n.t("sources.publisher", lang)),
            "published": st.column_config.TextColumn(i18n.t("sources.published", lang)),
            "role": st.column_config.TextColumn(i18n.t("sources.role", lang)),
            "user_supplied": st.column_config.CheckboxColumn(i18n.t("table.col.user_supplied", lang)),
        },
    )
elif shown.n_hidden:
    # Found among the kinds the filter hides: say so, with the one click that shows them.
    ui.empty(lang, "sources.hidden_by_kinds", n=f"{shown.n_hidden:,}")
    st.button(
        i18n.t("kinds.show_all", lang),
        key="sources-show-kinds",
        on_click=ui.show_kinds,
        args=(tuple(schema.KINDS),),
        type="primary",
    )
else:
    ui.empty(lang, "sources.no_match" if needle and not shown.selection_empty else "msg.empty_selection")


# --- the downloads: each file is built once per selection and kept (memo), then handed over as bytes ----------
def asked_for(key: str, wanted: tuple, label: str, icon: str, help: str | None = None) -> bool:
    """True once the visitor asked for the file `wanted` names; until then, the button (`key`) that asks for it."""
    flag = f"_asked_{key}"
    if st.session_state.get(flag) == wanted:
        return True
    st.button(label, key=key, on_click=st.session_state.__setitem__, args=(flag, wanted), icon=icon, help=help)
    return False


ALL_FILE, FILTERED_FILE = ("all-figures-and-sources",), ("figures-and-sources", "filtered")


def csv_download(name: str, chosen, needle: str, label: str, file_parts: tuple, prepare_label: str, **button) -> None:
    """The CSV of the chosen figures after the search; above PREPARE_CSV_ROWS rows a button first asks for it:
    a visit never waits for a large file."""
    if button.get("disabled"):
        payload = b""
    elif (n_rows := sources_view.download_rows(chosen, needle, uploads)) <= sources_view.PREPARE_CSV_ROWS:
        payload = sources_view.csv_bytes(chosen, needle, lang, uploads)
    else:
        wanted = sources_view.file_identity(chosen, needle, lang, uploads)
        ask = i18n.t(prepare_label, lang, n=f"{n_rows:,}")
        if not asked_for(
            f"prepare-{name}", wanted, ask, ":material/construction:", i18n.t("sources.prepare_help", lang)
        ):
            return
        with st.spinner(i18n.t("sources.preparing", lang)):
            payload = sources_view.csv_bytes(chosen, needle, lang, uploads)
    st.download_button(
        i18n.t(label, lang),
        data=payload,
        file_name=export.file_name(*file_parts),
        mime="text/csv",
        key=f"download-{name}",
        on_click="ignore",
        icon=":material/download:",
        **button,
    )


def xlsx_download(name: str, chosen, needle: str, label: str, file_parts: tuple, disabled: bool = False) -> None:
    """The same rows as a workbook (figures, units and notes, sources), up to xlsx.MAX_ROWS rows; a larger
    selection says the CSV holds it. Past xlsx.EAGER_ROWS rows a button first asks for it."""
    n_rows = 0 if disabled else sources_view.download_rows(chosen, needle, uploads)
    if n_rows > xlsx.MAX_ROWS:
        st.caption(i18n.t("sources.xlsx_too_large", lang, n=f"{xlsx.MAX_ROWS:,}"))
        return
    if n_rows > xlsx.EAGER_ROWS:
        wanted = sources_view.file_identity(chosen, needle, lang, uploads)
        if not asked_for(f"make-xlsx-{name}", wanted, i18n.t("download.xlsx_prepare", lang), ":material/table_view:"):
            return
    title = i18n.t(label, lang)
    st.download_button(
        title,
        data=b"" if disabled else sources_view.xlsx_bytes(chosen, needle, lang, title, uploads),
        file_name=export.file_name(*file_parts, ext="xlsx"),
        mime=xlsx.MIME,
        key=f"download-xlsx-{name}",
        on_click="ignore",
        icon=":material/table_view:",
        disabled=disabled or chosen is None,
    )


chosen = sources_view.selection(show_all, f.hubs, f.kinds, f.year_from, f.year_to)
nothing_found = shown.table is None
csv_cells, xlsx_cells = st.columns(2), st.columns(2)
with csv_cells[0]:
    all_help = i18n.t("sources.download_all_help", lang)
    csv_download(
        "all", sources_view.ALL_FIGURES, "", "download.all_data", ALL_FILE, "sources.prepare_all", help=all_help
    )
with csv_cells[1]:
    csv_download(
        "filtered",
        chosen,
        needle,
        "sources.download_filtered",
        FILTERED_FILE,
        "sources.prepare_filtered",
        disabled=nothing_found,
    )
with xlsx_cells[0]:
    xlsx_download("all", sources_view.ALL_FIGURES, "", "download.all_data_xlsx", ALL_FILE)
with xlsx_cells[1]:
    xlsx_download("filtered", chosen, needle, "download.filtered_xlsx", FILTERED_FILE, disabled=nothing_found)

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
