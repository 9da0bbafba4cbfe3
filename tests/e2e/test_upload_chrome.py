"""Streamlit's own uploader in the page's language: none of its English words shows in the Korean view (button, drop
zone line, drag banner, a refused file's error), and every size it states is the one limit, LIMIT_MB."""

from __future__ import annotations

import re
import tomllib

from dashboard import i18n, upload
from tests.e2e.conftest import PHONE, ROOT, screenshot, wait_ready

# Streamlit 1.67's words in and around st.file_uploader (its static bundle), none of which may show in Korean.
STREAMLIT_WORDS = ("Upload", "per file", "Drag and drop", "or smaller", "not allowed", "Error", "Browse", "Limit")
SERVER_LIMIT_MB = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"][
    "maxUploadSize"
]

# Every text a person sees in the uploader (and a refused file's error tooltip, drawn elsewhere in the page):
# text nodes that are laid out, not hidden, not of size 0 and not screen-reader-only (1 px, clipped), and the
# words drawn by CSS ::after. Material icons are a font's ligatures ("upload" draws an arrow): not words.
_SHOWN = """() => {
    const roots = [...document.querySelectorAll(
        '[data-testid=stFileUploader], [data-testid=stTooltipErrorContent]')];
    const out = [];
    for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            if (!node.textContent.trim() || el.closest('[data-testid=stIconMaterial]')) continue;
            if (!el.getClientRects().length || style.visibility === 'hidden') continue;
            if (parseFloat(style.fontSize) === 0 || (box.width <= 1 && box.height <= 1)) continue;
            out.push(node.textContent.trim());
        }
        for (const el of [root, ...root.querySelectorAll('*')]) {
            if (!el.getClientRects().length) continue;
            const after = getComputedStyle(el, '::after');
            if (after.content.startsWith('"') && parseFloat(after.fontSize) > 0) out.push(JSON.parse(after.content));
        }
    }
    return out;
}"""


def shown(pg) -> list[str]:
    return pg.evaluate(_SHOWN)


def english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if any(word.lower() in t.lower() for word in STREAMLIT_WORDS)]


def sizes_in(texts: list[str]) -> set[str]:
    """Every `N MB` / `NMB` stated."""
    return {m for t in texts for m in re.findall(r"([0-9][0-9.,]*) ?MB", t)}


def open_sources(pg, server: str, lang: str) -> None:
    pg.goto(f"{server}/sources?lang={lang}")
    pg.wait_for_selector("[data-testid=stFileUploaderDropzone]")
    wait_ready(pg)
    pg.locator("[data-testid=stFileUploader]").scroll_into_view_if_needed()


def test_the_uploader_speaks_korean_and_states_the_one_limit(page, server):
    assert SERVER_LIMIT_MB == upload.LIMIT_MB
    limit = i18n.t("upload.limit", "ko", limit=f"{upload.LIMIT_MB} MB")
    for width in (1400, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 1000 if width > 500 else PHONE["height"]})
        open_sources(page, server, "ko")
        texts = shown(page)
        assert english_in(texts) == [], texts
        assert i18n.t("upload.dropzone.button", "ko") in texts and limit in texts, texts
        assert sizes_in(texts) == {str(upload.LIMIT_MB)}, texts
        intro = page.locator("[data-testid=stCaptionContainer]").filter(has_text="UTF-8").inner_text()
        assert f"{upload.LIMIT_MB} MB" in intro
        screenshot(page, f"upload-ko-{'desktop' if width > 500 else 'phone'}")

    # While a file is dragged over the drop zone, Streamlit draws a banner of its own.
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_sources(page, server, "ko")
    dragged = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['a'], 'a.csv', {type: 'text/csv'})); return d; }"
    )
    page.dispatch_event("[data-testid=stFileUploaderDropzone]", "dragenter", {"dataTransfer": dragged})
    page.wait_for_selector("[data-testid=stFileUploaderDropzone] > div > span:only-child")
    texts = shown(page)
    assert english_in(texts) == [] and i18n.t("upload.dropzone.drop", "ko") in texts, texts
    page.dispatch_event("[data-testid=stFileUploaderDropzone]", "dragleave", {"dataTransfer": dragged})

    # A file over the limit is refused by the widget in the browser (it counts 5 MB as 5,000,000 bytes, as the
    # app does): its error tooltip says so in Korean, with the same number, and no English size beside the name.
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": b"a" * (upload.MAX_BYTES + 1)}]
    )
    page.locator("[data-testid=stFileChip]").hover()
    page.wait_for_selector("[data-testid=stTooltipErrorContent]")
    texts = shown(page)
    refused = i18n.t("upload.dropzone.refused", "ko", limit=f"{upload.LIMIT_MB} MB")
    assert english_in(texts) == [] and refused in texts, texts
    assert sizes_in(texts) == {str(upload.LIMIT_MB)}, texts
    screenshot(page, "upload-ko-refused")


def test_the_english_view_states_the_same_limit_in_english(page, server):
    open_sources(page, server, "en")
    texts = shown(page)
    assert i18n.t("upload.limit", "en", limit=f"{upload.LIMIT_MB} MB") in texts, texts
    assert "Upload" in texts and not [t for t in texts if "per file" in t], texts
    assert sizes_in(texts) == {str(upload.LIMIT_MB)}, texts
