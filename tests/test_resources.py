from __future__ import annotations

import asyncio

import pytest

from bot.core.errors import Conflict, Forbidden, NotFound, ValidationError
from bot.core.files import MAX_FILE_BYTES, FileStore
from bot.core.resources import Actor, FileUpload, ResourceService, clean_name, clean_url
from bot.db.database import Database
from bot.db.postgres import PostgresDatabase

GUILD = 111111111111111111
OTHER_GUILD = 222222222222222222
MAYA = Actor(user_id=1001)
ADMIN = Actor(user_id=1002, manages_guild=True)
SOMEONE = Actor(user_id=1003)
PDF = FileUpload("Weekly Checklist.pdf", b"%PDF-1.4 weekly checklist")


async def test_add_with_file_stores_bytes_and_row(resources: ResourceService, file_store: FileStore) -> None:
    added = await resources.add(GUILD, MAYA, name="Checklist ", title="  The   weekly checklist ", file=PDF)
    assert added.name == "checklist"
    assert added.title == "The weekly checklist"
    assert added.owner_id == MAYA.user_id
    assert added.file_name == "Weekly_Checklist.pdf"
    assert added.file_size == len(PDF.data)
    assert await file_store.read(added.file_sha256) == PDF.data
    assert await resources.read_file(added) == PDF.data


async def test_add_with_url_only(resources: ResourceService) -> None:
    added = await resources.add(GUILD, MAYA, name="guide", title="Guide", url="https://example.com/guide")
    assert added.url == "https://example.com/guide"
    assert added.file_sha256 is None


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"name": "Weekly Checklist"}, "name", "name_format"),
        ({"name": "-start"}, "name", "name_format"),
        ({"name": "end-"}, "name", "name_format"),
        ({"name": "under_score"}, "name", "name_format"),
        ({"name": "x" * 33}, "name", "too_long"),
        ({"name": "   "}, "name", "required"),
        ({"title": "t" * 101}, "title", "too_long"),
        ({"title": " \n "}, "title", "required"),
        ({"url": "http://example.com"}, "url", "url_https"),
        ({"url": "javascript:alert(1)"}, "url", "url_https"),
        ({"url": "https://"}, "url", "url_https"),
        ({"url": "https://exa mple.com"}, "url", "url_https"),
        ({"url": "https://intranet"}, "url", "url_https"),
        ({"url": "https://e.com/" + "a" * 600}, "url", "too_long"),
        ({"description": "d" * 1001}, "description", "too_long"),
        ({"note": "n" * 1001}, "note", "too_long"),
        ({"url": None}, "file", "file_or_url"),
        ({"file": FileUpload("big.pdf", b"x" * (MAX_FILE_BYTES + 1))}, "file", "file_too_large"),
        ({"file": FileUpload("empty.pdf", b"")}, "file", "file_empty"),
    ],
)
async def test_add_rejects_bad_input_naming_the_field(
    resources: ResourceService, file_store: FileStore, db: Database, fields: dict, field: str, rule: str
) -> None:
    values = {"name": "ok", "title": "Title", "url": "https://example.com/x", **fields}
    with pytest.raises(ValidationError) as caught:
        await resources.add(GUILD, MAYA, **values)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert await db.fetchval("SELECT COUNT(*) FROM resources") == 0
    assert await file_store.stored() == set()


def test_limits_are_inclusive() -> None:
    assert clean_name("a" * 32) == "a" * 32
    assert clean_name("a-1-b") == "a-1-b"
    url = "https://e.com/" + "a" * (512 - len("https://e.com/"))
    assert clean_url(url) == url


async def test_name_unique_per_guild_but_not_across(resources: ResourceService, file_store: FileStore) -> None:
    await resources.add(GUILD, MAYA, name="checklist", title="A", file=PDF)
    other = FileUpload("other.pdf", b"%PDF other")
    with pytest.raises(Conflict):
        await resources.add(GUILD, SOMEONE, name="checklist", title="B", file=other)
    # The refused add left no file behind.
    assert len(await file_store.stored()) == 1
    elsewhere = await resources.add(OTHER_GUILD, SOMEONE, name="checklist", title="C", url="https://e.com")
    assert elsewhere.guild_id == OTHER_GUILD
    assert [r.title for r in await resources.list_active(GUILD)] == ["A"]
    assert [r.title for r in await resources.list_active(OTHER_GUILD)] == ["C"]


async def test_one_guild_never_sees_another(resources: ResourceService) -> None:
    await resources.add(GUILD, MAYA, name="secret", title="Mine", url="https://e.com")
    with pytest.raises(NotFound):
        await resources.get_active(OTHER_GUILD, "secret")
    with pytest.raises(NotFound):
        await resources.edit(OTHER_GUILD, "secret", ADMIN, title="Stolen")


async def test_same_file_twice_is_stored_once(resources: ResourceService, file_store: FileStore) -> None:
    a = await resources.add(GUILD, MAYA, name="a", title="A", file=PDF)
    b = await resources.add(GUILD, MAYA, name="b", title="B", file=FileUpload("copy.pdf", PDF.data))
    assert a.file_sha256 == b.file_sha256
    assert await file_store.stored() == {a.file_sha256}
    await resources.archive(GUILD, "a", MAYA)
    assert await file_store.stored() == {a.file_sha256}, "b still uses the file"
    await resources.archive(GUILD, "b", MAYA)
    assert await file_store.stored() == set()


async def test_edit_replaces_file_and_removes_the_old_one(resources: ResourceService, file_store: FileStore) -> None:
    before = await resources.add(GUILD, MAYA, name="plan", title="Plan", file=PDF)
    new = FileUpload("plan-v2.pdf", b"%PDF v2")
    assert (await resources.get(before.id)).note is None
    after = await resources.edit(GUILD, "plan", MAYA, file=new, note="Enjoy!")
    assert (await resources.get(before.id)).note == "Enjoy!"
    assert after.file_sha256 != before.file_sha256
    assert after.file_name == "plan-v2.pdf"
    assert after.note == "Enjoy!"
    assert after.title == "Plan"
    assert await file_store.stored() == {after.file_sha256}


async def test_edit_needs_something_to_change(resources: ResourceService) -> None:
    await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    with pytest.raises(ValidationError) as caught:
        await resources.edit(GUILD, "plan", MAYA)
    assert caught.value.rule == "nothing_to_change"


async def test_edit_validates_fields(resources: ResourceService) -> None:
    await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    with pytest.raises(ValidationError) as caught:
        await resources.edit(GUILD, "plan", MAYA, url="ftp://e.com")
    assert caught.value.field == "url"


async def test_only_owner_or_manager_may_edit_or_remove(resources: ResourceService) -> None:
    await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    with pytest.raises(Forbidden):
        await resources.edit(GUILD, "plan", SOMEONE, title="Hijacked")
    with pytest.raises(Forbidden):
        await resources.archive(GUILD, "plan", SOMEONE)
    assert (await resources.edit(GUILD, "plan", ADMIN, title="By admin")).title == "By admin"


async def test_archive_keeps_history_and_frees_the_name(resources: ResourceService) -> None:
    first = await resources.add(GUILD, MAYA, name="plan", title="Plan", url="https://e.com")
    assert not (await resources.get(first.id)).archived  # now cached by id
    archived = await resources.archive(GUILD, "plan", MAYA)
    assert (await resources.get(first.id)).archived, "a write clears the cache"
    assert archived.archived
    assert (await resources.get(first.id)).title == "Plan"
    with pytest.raises(NotFound):
        await resources.get_active(GUILD, "plan")
    with pytest.raises(NotFound):
        await resources.archive(GUILD, "plan", MAYA)
    again = await resources.add(GUILD, MAYA, name="plan", title="Plan 2", url="https://e.com/2")
    assert again.id != first.id


async def test_failed_insert_leaves_no_file(resources: ResourceService, file_store: FileStore, db: Database) -> None:
    # A database failure after the file was written must not leave an orphan file.
    if isinstance(db, PostgresDatabase):
        await db.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE 'disk full'; END$$"
        )
        await db.execute("CREATE TRIGGER refuse BEFORE INSERT ON resources FOR EACH ROW EXECUTE FUNCTION refuse()")
    else:
        await db.execute("CREATE TRIGGER refuse BEFORE INSERT ON resources BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(Exception, match="disk full"):
        await resources.add(GUILD, MAYA, name="plan", title="Plan", file=PDF)
    assert await file_store.stored() == set()
    assert await db.fetchval("SELECT COUNT(*) FROM resources") == 0


async def test_concurrent_adds_of_one_name_make_one_row(resources: ResourceService, db: Database) -> None:
    results = await asyncio.gather(
        *(resources.add(GUILD, MAYA, name="race", title=f"T{i}", url="https://e.com") for i in range(10)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    assert await db.fetchval("SELECT COUNT(*) FROM resources") == 1


async def test_sweep_at_start_up_removes_orphans(resources: ResourceService, file_store: FileStore) -> None:
    kept = await resources.add(GUILD, MAYA, name="kept", title="Kept", file=PDF)
    orphan = await file_store.put(b"left behind by a crash")
    assert await resources.sweep_files() == [orphan]
    assert await file_store.stored() == {kept.file_sha256}
