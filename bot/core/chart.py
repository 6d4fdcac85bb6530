"""The /thanks stats chart: week figures in, PNG bytes out. Pure: no I/O but reading the fonts
shipped in bot/assets, no discord, no clock.

Deterministic, so the same figures give the same bytes on every machine: the fonts come with
Handout (never a system font), text is laid out by FreeType alone (Pillow's basic layout, not
libraqm, which may or may not be installed), and the PNG carries no timestamp.
"""

from __future__ import annotations

import io
import json
import math
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.core.weekly import Week

WIDTH, HEIGHT = 960, 480
# The PNG text chunk holding the figures drawn, as JSON: [[week start, deliveries, thanks, answered], ...]
FIGURES_KEY = "handout-weeks"
_ASSETS = Path(__file__).resolve().parent.parent / "assets"
_BACKGROUND = (255, 255, 255)
_INK = (35, 39, 42)
_GRID = (222, 225, 230)
_MUTED = (96, 102, 110)
# Distinguishable with the common colour-vision deficiencies (blue, orange, bluish green).
_DELIVERIES = (88, 101, 242)
_THANKS = (230, 126, 34)
_ANSWERED = (0, 140, 110)
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, WIDTH - 24, 116, HEIGHT - 64


@dataclass(frozen=True)
class ChartLabels:
    """Every word on the chart, in the creator's language (from the i18n catalogue)."""

    title: str
    summary: str  # share answered by a human and the median time, as a sentence
    deliveries: str
    thanks: str
    answered: str
    note: str  # what a week is (UTC, from Monday)


@cache
def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(_ASSETS / name), size, layout_engine=ImageFont.Layout.BASIC)


def week_label(start: int) -> str:
    """A week by its Monday, as an ISO date: the same in every language."""
    return time.strftime("%Y-%m-%d", time.gmtime(start))


def render_chart(weeks: list[Week], labels: ChartLabels) -> bytes:
    """Deliveries as bars, thank-yous and human answers as lines, one step per week."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((24, 16), _fit(labels.title, _font(22, bold=True), WIDTH - 48), font=_font(22, bold=True), fill=_INK)
    draw.text((24, 50), _fit(labels.summary, _font(15), WIDTH - 48), font=_font(15), fill=_INK)
    totals = [sum(w.deliveries for w in weeks), sum(w.thanks for w in weeks), sum(w.answered for w in weeks)]
    _legend(draw, [(labels.deliveries, _DELIVERIES), (labels.thanks, _THANKS), (labels.answered, _ANSWERED)], totals)
    top = max((max(w.deliveries, w.thanks, w.answered) for w in weeks), default=0)
    step = _nice_step(top)
    ceiling = step * max(1, math.ceil(top / step))
    _grid(draw, ceiling, step)
    if weeks:
        _plot(draw, weeks, ceiling)
    draw.text((24, HEIGHT - 22), _fit(labels.note, _font(12), WIDTH - 48), font=_font(12), fill=_MUTED)
    info = PngInfo()
    info.add_text(FIGURES_KEY, json.dumps([[w.start, w.deliveries, w.thanks, w.answered] for w in weeks]))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, compress_level=6)
    return out.getvalue()


def chart_text(weeks: list[Week], header: str, limit: int) -> str:
    """The chart's numbers as text, for screen readers (an image's alt text): newest week first,
    quiet weeks left out (the header says so), cut to ``limit`` characters."""
    text = header
    for week in reversed(weeks):
        if not (week.deliveries or week.thanks or week.answered):
            continue
        line = f"\n{week_label(week.start)}: {week.deliveries}/{week.thanks}/{week.answered}"
        if len(text) + len(line) > limit - 2:
            return text + "\n…"
        text += line
    return text


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _legend(draw: ImageDraw.ImageDraw, entries: list[tuple[str, tuple[int, int, int]]], totals: list[int]) -> None:
    x = 24
    font = _font(15)
    for (label, colour), total in zip(entries, totals, strict=True):
        draw.rectangle((x, 82, x + 14, 96), fill=colour)
        text = f"{label} ({total})"
        draw.text((x + 20, 80), text, font=font, fill=_INK)
        x += 20 + int(font.getlength(text)) + 28


def _nice_step(top: int) -> int:
    """A grid step of 1, 2 or 5 times a power of ten giving at most five lines above zero."""
    if top <= 5:
        return 1
    power = 10 ** int(math.log10(top / 5))
    for factor in (1, 2, 5, 10):
        if top / (factor * power) <= 5:
            return factor * power
    return 10 * power


def _y(value: float, ceiling: int) -> float:
    return _BOTTOM - (_BOTTOM - _TOP) * value / ceiling


def _grid(draw: ImageDraw.ImageDraw, ceiling: int, step: int) -> None:
    font = _font(12)
    for value in range(0, ceiling + 1, step):
        y = round(_y(value, ceiling))
        draw.line((_LEFT, y, _RIGHT, y), fill=_GRID, width=1)
        text = str(value)
        draw.text((_LEFT - 8 - font.getlength(text), y - 7), text, font=font, fill=_MUTED)


def _plot(draw: ImageDraw.ImageDraw, weeks: list[Week], ceiling: int) -> None:
    slot = (_RIGHT - _LEFT) / len(weeks)
    centres = [_LEFT + slot * (i + 0.5) for i in range(len(weeks))]
    half_bar = max(0.5, slot * 0.3)
    for x, week in zip(centres, weeks, strict=True):
        if week.deliveries:
            draw.rectangle((round(x - half_bar), round(_y(week.deliveries, ceiling)), round(x + half_bar), _BOTTOM),
                           fill=_DELIVERIES)  # fmt: skip
    for colour, values in ((_THANKS, [w.thanks for w in weeks]), (_ANSWERED, [w.answered for w in weeks])):
        points = [(round(x), round(_y(v, ceiling))) for x, v in zip(centres, values, strict=True)]
        if len(points) > 1:
            draw.line(points, fill=colour, width=3, joint="curve")
        radius = 4 if slot >= 10 else 2
        for px, py in points:
            draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=colour)
    # Date labels under the axis: as many as fit without touching, the newest week always labelled.
    font = _font(12)
    every = max(1, math.ceil(len(weeks) * (font.getlength("0000-00-00") + 16) / (_RIGHT - _LEFT)))
    for i, (x, week) in enumerate(zip(centres, weeks, strict=True)):
        if (len(weeks) - 1 - i) % every == 0:
            text = week_label(week.start)
            left = min(max(x - font.getlength(text) / 2, _LEFT - 30), WIDTH - 8 - font.getlength(text))
            draw.text((left, _BOTTOM + 8), text, font=font, fill=_MUTED)
