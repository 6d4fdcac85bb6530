from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.core.files import FileStore, sanitize_file_name


def test_put_is_content_addressed_and_deduplicated(file_store: FileStore) -> None:
    first = file_store.put_now(b"%PDF-1.4 hello")
    second = file_store.put_now(b"%PDF-1.4 hello")
    assert first == second == hashlib.sha256(b"%PDF-1.4 hello").hexdigest()
    assert file_store.stored_now() == {first}
    assert file_store.read_now(first) == b"%PDF-1.4 hello"
    assert file_store.path_for(first).parent.name == first[:2]


def test_sweep_removes_unused_and_temp_files(file_store: FileStore) -> None:
    keep = file_store.put_now(b"keep")
    drop = file_store.put_now(b"drop")
    stray = file_store.path_for(keep).parent / ".tmp-crashed"
    stray.write_bytes(b"half")
    assert file_store.sweep_now({keep}) == [drop]
    assert file_store.stored_now() == {keep}
    assert not stray.exists()


def test_path_for_rejects_anything_but_a_digest(file_store: FileStore) -> None:
    for bad in ("../../etc/passwd", "abc", "G" * 64):
        with pytest.raises(ValueError):
            file_store.path_for(bad)


def test_stored_on_missing_root(tmp_path: Path) -> None:
    assert FileStore(tmp_path / "nope").stored_now() == set()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("checklist.pdf", "checklist.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\maya\\Plan 2024.xlsx", "Plan_2024.xlsx"),
        ("Één lijstje (v2).pdf", "Een_lijstje_v2.pdf"),
        (".hidden", "hidden"),
        ("", "file"),
        ("...", "file"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
        ("noextension", "noextension"),
        ("evil\x00name.pdf", "evil_name.pdf"),
    ],
)
def test_sanitize_file_name(given: str, expected: str) -> None:
    assert sanitize_file_name(given) == expected
