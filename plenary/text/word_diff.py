"""Word-level diff of two texts: the runs (equal, insert, delete) that turn one into the other.

Pure Python. Words, runs of whitespace and single punctuation marks (brackets included) are the
tokens. The text both share at the start and end is cut off first; the middle is diffed with
Myers' algorithm (or, for a rewritten paragraph, SequenceMatcher's longest common blocks), and a
short stretch of equal text between two edits is folded into them, so a rewritten clause reads
as one deletion and one insertion rather than as confetti. The contract: the equal and deleted
runs in order give the old text exactly; the equal and inserted runs give the new text.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# Edits of up to this many tokens are found by Myers' diff; beyond it a paragraph has been
# rewritten, and SequenceMatcher's longest common blocks read better and cost less.
MYERS_LIMIT = 64
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Run:
    op: Op
    text: str


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(text))


def diff_words(old: str, new: str) -> list[Run]:
    """The runs that turn `old` into `new`: equal+delete texts give `old`, equal+insert `new`."""
    if old == new:
        return [Run("equal", old)] if old else []
    if not old or not new:
        return [Run("insert", new)] if new else [Run("delete", old)]
    # Most edits touch a few words: only the text between what both ends share is tokenized.
    start, end = _shared_ends(old, new)
    pieces: list[tuple[Op, str]] = []
    if start:
        pieces.append(("equal", old[:start]))
    pieces.extend(
        _diff_tokens(_tokens(old[start : len(old) - end]), _tokens(new[start : len(new) - end]))
    )
    if end:
        pieces.append(("equal", old[len(old) - end :]))
    return _readable(pieces)


def _shared_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters both texts share at the start and at the end, cut between tokens."""
    shortest = min(len(old), len(new))
    low, high = 0, shortest
    while low < high:  # halving on slices: comparisons run in C
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    start = low
    while start and not (_between_tokens(old, start) and _between_tokens(new, start)):
        start -= 1
    low, high = 0, shortest - start
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    end = low
    while end and not (
        _between_tokens(old, len(old) - end) and _between_tokens(new, len(new) - end)
    ):
        end -= 1
    return start, end


def _kind(character: str) -> str:
    if SPACE.fullmatch(character):
        return "space"
    return "word" if WORD.fullmatch(character) else "mark"


def _between_tokens(text: str, at: int) -> bool:
    """Whether TOKEN splits `text` at `at`: a run of word or space characters ends, or a mark."""
    if at <= 0 or at >= len(text):
        return True
    before, after = _kind(text[at - 1]), _kind(text[at])
    return before != after or before == "mark"


def _diff_tokens(a: Sequence[str], b: Sequence[str]) -> list[tuple[Op, str]]:
    if not a or not b:
        return [("delete", "".join(a))] if a else [("insert", "".join(b))] if b else []
    steps = _shortest_edit(a, b, limit=max(MYERS_LIMIT, (len(a) + len(b)) // 8))
    if steps is None:
        return _diff_tokens_by_blocks(a, b)
    pieces: list[tuple[Op, str]] = []
    for op, first, last in steps:
        pieces.append((op, "".join(b[first:last] if op == "insert" else a[first:last])))
    return pieces


def _shortest_edit(
    a: Sequence[str], b: Sequence[str], limit: int
) -> list[tuple[Op, int, int]] | None:
    """Myers' O(ND) diff: (op, first, last) token ranges (of b for inserts, else of a), or None
    when more than `limit` tokens differ (a rewrite, better served by longest common blocks)."""
    n, m = len(a), len(b)
    most = min(n + m, limit)
    offset = most + 1
    frontier = [0] * (2 * most + 3)  # furthest x reached on each diagonal k = x - y
    trace: list[list[int]] = []
    for d in range(most + 1):
        trace.append(frontier[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and frontier[offset + k - 1] < frontier[offset + k + 1]):
                x = frontier[offset + k + 1]  # down: an insertion
            else:
                x = frontier[offset + k - 1] + 1  # right: a deletion
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            frontier[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m)
    return None


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[tuple[Op, int, int]]:
    # trace[d] holds the frontier before step d, diagonals -d-1 .. d+1 (index k + d + 1).
    steps: list[tuple[Op, int, int]] = []  # from the end backwards
    x, y = n, m

    def step(op: Op, first: int, last: int) -> None:
        if steps and steps[-1][0] == op and steps[-1][1] == last:
            steps[-1] = (op, first, steps[-1][2])
        else:
            steps.append((op, first, last))

    for d in range(len(trace) - 1, 0, -1):
        frontier = trace[d]
        k = x - y
        inserted = k == -d or (k != d and frontier[k + d] < frontier[k + d + 2])
        previous_k = k + 1 if inserted else k - 1
        previous_x = frontier[previous_k + d + 1]
        previous_y = previous_x - previous_k
        snake_from = previous_x if inserted else previous_x + 1
        if x > snake_from:
            step("equal", snake_from, x)
        if inserted:
            step("insert", previous_y, previous_y + 1)
        else:
            step("delete", previous_x, previous_x + 1)
        x, y = previous_x, previous_y
    if x:  # the snake of step 0, from the start
        step("equal", 0, x)
    steps.reverse()
    return steps


def _diff_tokens_by_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[Op, str]]:
    # Whitespace never anchors a match (it is everywhere), but matches extend over it.
    pieces: list[tuple[Op, str]] = []
    matcher = SequenceMatcher(str.isspace, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces


def _readable(pieces: list[tuple[Op, str]]) -> list[Run]:
    """Merge the pieces into runs, folding short equal stretches into the edits around them."""
    # Layout: equals[0], edits[0], equals[1], edits[1], ..., equals[-1]; an edit is
    # [deleted, inserted].
    equals = [""]
    edits: list[list[str]] = []
    pending: list[str] | None = None
    for op, text in pieces:
        if op == "equal":
            if pending is not None:
                edits.append(pending)
                equals.append(text)
                pending = None
            else:
                equals[-1] += text
        else:
            if pending is None:
                pending = ["", ""]
            pending[0 if op == "delete" else 1] += text
    if pending is not None:
        edits.append(pending)
        equals.append("")
    # An equality no longer than the edit on each side of it is noise to a reader (a shared
    # space, comma or "the" inside a rewritten clause): it becomes part of both edits.
    m = 1
    while m < len(edits):
        equal = len(equals[m])
        before, after = edits[m - 1], edits[m]
        if equal <= max(len(before[0]), len(before[1])) and equal <= max(
            len(after[0]), len(after[1])
        ):
            edits[m - 1] = [
                before[0] + equals[m] + after[0],
                before[1] + equals[m] + after[1],
            ]
            del edits[m], equals[m]
            m = max(1, m - 1)  # the grown edit may now swallow the equality before it
        else:
            m += 1
    runs: list[Run] = []
    for position, (deleted, inserted) in enumerate(edits):
        if equals[position]:
            runs.append(Run("equal", equals[position]))
        if deleted:
            runs.append(Run("delete", deleted))
        if inserted:
            runs.append(Run("insert", inserted))
    if equals[-1]:
        runs.append(Run("equal", equals[-1]))
    return runs
