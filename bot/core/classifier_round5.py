"""The fifth round's rules (issue 14), checked right after spam and declines, before the request frames:
each matches a specific shape (bot.core.lexicon_round5) that the generic rules after it got wrong, e.g.
"how do I get the stickers onto goodnotes?" read as a request by its "how do I get" frame.
"""

from __future__ import annotations

from bot.core import lexicon as lx
from bot.core import lexicon_intent as li
from bot.core import lexicon_round5 as r5
from bot.core.classifier_text import Text

_HEADING_MAX_WORDS = 14  # "Gezocht: het weekmenu met boodschappenlijst": a heading and a short noun phrase


def early_rule(text: str, t: Text) -> tuple[str, str] | None:
    """(label, reason) when a round-5 shape decides the message; None to let the other rules decide."""
    words = t.words
    if m := t.search(r5.SPAM_ROUND5_RE):
        return "other", f"spam (selling or vote-begging): {m.group(0)!r}"
    if m := t.search(r5.IGNORE_THAT_RE):
        return "other", f"explained away: {m.group(0)!r}"
    if m := t.search(r5.REPEATED_MESSAGES_RE):
        return "other", f"sarcastic thanks (repeated messages): {m.group(0)!r}"
    if (m := t.search(r5.NICE_DAY_RE)) or (m := t.search(r5.SMALL_TALK_ROUND5_RE)):
        return "other", f"small talk: {m.group(0)!r}"
    if m := t.search(r5.HOW_TO_PUT_RE):
        return "question", f"how to use it: {m.group(0)!r}"
    if r5.HEADING_RE.match(lx.fold(text)) and len(words.split()) <= _HEADING_MAX_WORDS and not t.has_qmark:
        return "request", "a heading, then the thing asked for"
    if m := t.search(r5.NOTHING_CAME_RE):
        return "request", f"not received (nothing came): {m.group(0)!r}"
    if (m := t.search(r5.WRITING_TO_ASK_RE)) and (t.search(li.NOUN_RE) or t.find(r5.POINTED_AT_RE, words[m.end() :])):
        return "request", f"writes to ask for it: {m.group(0)!r}"
    if (m := t.search(r5.WHERE_SINCE_DAYS_RE)) and (t.search(li.NOUN_RE) or t.search(lx.PRONOUN_RE)):
        return "request", f"still waiting: {m.group(0)!r}"
    if (m := t.search(r5.COULD_USE_RE)) and (t.search(li.NOUN_RE) or t.find(r5.POINTED_AT_RE, words[m.start() :])):
        return "request", f"a need: {m.group(0)!r}"
    if (m := t.search(r5.ON_BEHALF_RE)) and (t.search(li.NOUN_RE) or t.find(r5.POINTED_AT_RE, words[m.end() :])):
        return "request", f"asks on someone's behalf: {m.group(0)!r}"
    if (
        t.may(r5.LANGUAGE_NAME_RE)
        and len(set(r5.LANGUAGE_NAME_RE.findall(words))) >= 2
        and (m := t.search(r5.HAVE_IT_RE))
    ):
        return "request", f"wrong language, asks for another: {m.group(0)!r}"
    if m := t.search(r5.FOR_MY_TASTE_RE):
        return "other", f"lukewarm opinion: {m.group(0)!r}"
    if (m := t.search(r5.FORGOT_NOTHING_RE)) and not t.has_qmark:
        return "thanks", f"told as praise: nothing forgotten {m.group(0)!r}"
    if (m := t.search(r5.BETTER_THAN_BOUGHT_RE)) and not t.has_qmark:
        return "thanks", f"told as praise: better than one bought {m.group(0)!r}"
    return None


def emoji_only_thanks(text: str) -> bool:
    """An emoji-only message is thanks with a heart or folded hands, not with a wave or a football."""
    if any(ch in r5.STRONG_THANKFUL_EMOJI for ch in text):
        return True
    return not any(ch in r5.NOT_THANKFUL_EMOJI for ch in text)
