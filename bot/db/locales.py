"""SQL for members' last known locales."""

from __future__ import annotations

from bot.db.database import Database


async def get(db: Database, user_id: int) -> str | None:
    return await db.fetchval("SELECT locale FROM member_locales WHERE user_id = ?", (user_id,))


async def put(db: Database, user_id: int, locale: str, now: int) -> None:
    await db.execute(
        "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at",
        (user_id, locale, now),
    )


async def delete(db: Database, user_id: int) -> None:
    await db.execute("DELETE FROM member_locales WHERE user_id = ?", (user_id,))


async def put_many(db: Database, locales: list[tuple[int, str]], now: int) -> None:
    await db.executemany(
        "INSERT INTO member_locales (user_id, locale, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at",
        [(user_id, locale, now) for user_id, locale in locales],
    )
