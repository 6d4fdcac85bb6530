"""A throwaway discord.py bot used to prove the stand-in against the real client.

Copied by the ``tinybot_dir`` fixture into a tmp dir as package ``bot`` and run through
tests/e2e/launch_bot.py exactly like the real bot. Not part of Handout.
"""
