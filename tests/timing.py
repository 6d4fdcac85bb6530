"""Counting requests in time, as Discord's global limit does: the most in any one-second window."""

from __future__ import annotations


def most_in_one_second(times: list[float]) -> int:
    times, most, first = sorted(times), 0, 0
    for last, t in enumerate(times):
        while times[first] <= t - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
