"""PDFs from Django templates with WeasyPrint. Nothing is fetched from the network or the
file system except the app's own static files (fonts come from the installed system fonts);
a picture may be carried in the page as a data: URL."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STATIC_SCHEME = "smw-static"


def _fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Resolves smw-static:/path through Django's static finders; refuses anything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # a picture carried in the page itself
                return super().fetch(url, headers)
            if not url.startswith(f"{STATIC_SCHEME}:"):
                raise FatalURLFetchingError(f"PDFs may only use the app's static files: {url}")
            found = finders.find(url.split(":", 1)[1].lstrip("/"))
            if not found:
                raise FatalURLFetchingError(f"No such static file: {url}")
            return super().fetch(Path(found).resolve().as_uri())

    return StaticOnlyFetcher(allowed_protocols={"file", "data"})


def render_pdf(template: str, context: dict) -> bytes:
    """Render `template` (HTML with a <title> and lang) to a tagged PDF/UA-1 document."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=f"{STATIC_SCHEME}:/", url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
