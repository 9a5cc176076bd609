"""The CAMEO-to-PLOVER table read into frames: a CAMEO code's PLOVER type, newskg relation and mode.

The table (``CAMEO2PLOVER-2021.txt``) has lines ``code: TYPE, mode, context # description``; PLOVER's third
column (its *context*: military, economic, legal, ...) is what newskg calls ``nkg:mode``.

>>> table = parse_plover_table(["0312: AGREE,  ,   military # Express intent to cooperate militarily"])
>>> table.frame("0312")
{'relation': 'agreesWith', 'cameo': '0312', 'plover': 'AGREE', 'mode': 'military'}
>>> table.frame("010") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import DictionaryError

RELATION_OF_TYPE = {
    "AGREE": "agreesWith",
    "CONSULT": "meetsWith",
    "SUPPORT": "supports",
    "REQUEST": "appealsTo",
    "DEMAND": "appealsTo",
    "COOPERATE": "cooperatesWith",
    "AID": "aids",
    "CONCEDE": "concedesTo",
    "YIELD": "concedesTo",
    "RETREAT": "withdrawsFrom",
    "ACCUSE": "accuses",
    "DISAPPROVE": "accuses",
    "INVESTIGATE": "accuses",
    "REJECT": "rejects",
    "THREATEN": "threatens",
    "PROTEST": "protestsAgainst",
    "SANCTION": "sanctions",
    "REDUCE": "sanctions",
    "MOBILIZE": "mobilizesAgainst",
    "COERCE": "coerces",
    "ASSAULT": "attacks",
    "FIGHT": "attacks",
}
"""PLOVER type (and the older names of some) -> the newskg interaction property (``skos:closeMatch``)."""

MODE_OF_CONTEXT = {
    "military": "military",
    "peacekeeping": "military",
    "economic": "economic",
    "humanitarian": "humanitarian",
    "intelligence": "intelligence",
    "legal": "judicial",
}
"""PLOVER contexts that are newskg modes; the others (diplomatic, executive, cbrn, ...) are dropped."""

MODE_PRECEDENCE = ("military", "economic", "humanitarian", "intelligence", "judicial")
"""Which mode wins when a code has several contexts ("military; legal": military)."""

MIRRORED = {"02": "10"}
"""CAMEO 02 (appeal) has the subcodes of 10 (demand) and the same PLOVER type, REQUEST; the 2021 table lists only
10, so an 02 code is looked up as its 10 twin (0231 appeal for economic aid = 1031)."""

STATEMENT = "01"
"""CAMEO 01, make a public statement: no interaction of our ontology, left out on purpose."""

_LINE = re.compile(r"^\s*(?P<code>\d{2,4})\s*:\s*(?P<fields>[^#]*)")


@dataclass
class PloverTable:
    """CAMEO code -> (PLOVER type, PLOVER contexts)."""

    rows: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def lookup(self, code: str) -> tuple[str, tuple[str, ...]] | None:
        """The row of ``code``, else of its nearest listed parent (0732 -> 073, 109 -> 100)."""
        code = MIRRORED.get(code[:2], code[:2]) + code[2:]
        for candidate in (code, code[:3], code[:2] + "0"):
            if candidate in self.rows:
                return self.rows[candidate]
        return None

    def frame(self, code: str) -> dict[str, str] | None:
        """The frame of a CAMEO code: relation, code, PLOVER type and (when ours) mode; None if left out."""
        if code.startswith(STATEMENT):
            return None
        row = self.lookup(code)
        if row is None or row[0] not in RELATION_OF_TYPE:
            return None
        plover, contexts = row
        frame = {"relation": RELATION_OF_TYPE[plover], "cameo": code, "plover": plover}
        modes = {MODE_OF_CONTEXT[c] for c in contexts if c in MODE_OF_CONTEXT}
        for mode in MODE_PRECEDENCE:
            if mode in modes:
                frame["mode"] = mode
                break
        return frame

    def left_out_reason(self, code: str) -> str:
        """Why a code gives no frame."""
        if code.startswith(STATEMENT):
            return "01 make statement: a statement is no interaction between two actors"
        row = self.lookup(code)
        if row is None:
            return "not in the CAMEO-to-PLOVER table"
        return f"PLOVER type {row[0]} is no relation of the ontology"


def parse_plover_table(lines: Iterable[str], source: str = "PLOVER table") -> PloverTable:
    """Read the table's ``code: TYPE, mode, context`` lines (two-digit lines stand for the root, ``19`` = 190)."""
    table = PloverTable()
    roots: dict[str, tuple[str, tuple[str, ...]]] = {}
    for number, line in enumerate(lines, start=1):
        match = _LINE.match(line)
        if not match:
            continue
        fields = [f.strip() for f in match["fields"].split(",")]
        plover = fields[0].upper()
        if not plover.isalpha():
            raise DictionaryError(f"{source}:{number}: no PLOVER type in {line.strip()!r}")
        contexts = tuple(
            c.strip().lower() for c in (fields[2] if len(fields) > 2 else "").split(";") if c.strip()
        )
        if len(match["code"]) > 2:
            table.rows.setdefault(match["code"], (plover, contexts))
        else:  # a root's header line: its type, when the root's own 3-digit line is missing
            roots.setdefault(match["code"] + "0", (plover, contexts))
    for code, row in roots.items():
        table.rows.setdefault(code, row)
    if not table.rows:
        raise DictionaryError(f"{source}: no 'code: TYPE, mode, context' line")
    return table
