"""Documents on the dossier of the case tests, files in a temporary MEDIA_ROOT, and a real clamd."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases.conftest import colleague, dossier, english, stand_in  # noqa: F401
from tests.clamd import start_clamd

# A one-page PDF as a scanner makes it, small enough to read.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# The first bytes of a Windows program: an executable, whatever it is called.
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
)


def upload(content: bytes = PDF, name: str = "toestemming.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test's own MEDIA_ROOT, and no virus scanner unless the test asks for `clamd`."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = ""
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory):
    process, socket = start_clamd(tmp_path_factory.mktemp("clamd"))
    yield str(socket)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def clamd(settings, clamd_socket):
    """Uploads are scanned by the real clamd of the test session."""
    settings.CLAMD_SOCKET = clamd_socket
    return clamd_socket


def stored_files(media) -> list:
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []
