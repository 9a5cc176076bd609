"""The gazetteer: known actors and their surface forms, loaded from ``ontology/gazetteer/*.yaml``.

The format is documented in ``ontology/gazetteer/README.md``. The loaded :class:`Gazetteer` answers "which actor
does this surface form name" and compiles its forms into spaCy entity-ruler patterns.

>>> gaz = load_gazetteer()
>>> gaz.lookup("the Kremlin")[0].entry.label
'Russia'
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
import yaml

from kg.cache import remember
from kg.errors import GazetteerError
from kg.paths import GAZETTEER_DIR, load_yaml

TITLES_FILE = GAZETTEER_DIR / "titles.yaml"
"""The gazetteer's title lexicon: the offices whose holders its people are ("President", "Secretary General")."""
ACTOR_CLASSES = ("State", "Leader", "Person", "Institution", "ArmedGroup", "Bloc", "Place")
FORM_KINDS = ("label", "alias", "demonym", "metonym", "anaphora")
ROLE_RELATIONS = ("leaderOf", "officialOf")


@dataclass(frozen=True)
class Role:
    """An office held by a person: ``relation`` of ``of`` (an entry key) between ``start`` and ``end``."""

    title: str
    of: str
    relation: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, when: date | None) -> bool:
        """True when the role was held on ``when`` (or, with no date, is current)."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass
class Entry:
    """One gazetteer actor. ``key`` is its QID, or a slug of its label when it has none."""

    key: str
    label: str
    cls: str
    qid: str | None = None
    iso3: str | None = None
    iso2: str | None = None
    country: str | None = None  # key of the state it belongs to
    sector: str | None = None
    part_of: str | None = None  # key
    members: tuple[str, ...] = ()  # keys
    context: tuple[str, ...] = ()  # keys of actors whose mention lets an anaphora name this one first
    roles: tuple[Role, ...] = ()
    forms: dict[str, str] = field(default_factory=dict)  # surface form -> kind
    ambiguous: frozenset[str] = frozenset()  # forms linked only when context decides

    def role_on(self, when: date | None) -> Role | None:
        """The role held on ``when``: leadership first, then the latest started."""
        held = [r for r in self.roles if r.holds_on(when)]
        if not held and when is None and self.roles:
            held = [max(self.roles, key=lambda r: r.start or date.min)]
        if not held:
            return None
        return max(held, key=lambda r: (r.relation == "leaderOf", r.start or date.min))


@dataclass(frozen=True)
class Candidate:
    """A possible reading of a surface form: the entry it names and how (``kind`` is one of FORM_KINDS)."""

    entry: Entry
    kind: str
    ambiguous: bool = False


@dataclass(frozen=True)
class Title:
    """A title that makes the person it precedes an office holder ("Prime Minister")."""

    title: str
    relation: str
    sector: str | None
    forms: tuple[str, ...]
    # held by many at once ("Ambassador", "Minister"): no one holder of it is "the ambassador"
    shared: bool = False
    # any head of state, government or organisation ("leader"): "the French leader" is France's leader last named
    generic: bool = False


def slugify(text: str) -> str:
    """A lowercase ASCII slug for IRIs: ``"Bashar al-Assad"`` is ``"bashar-al-assad"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


MIN_FUZZY_NAME = 5
"""Surnames and state names shorter than this are matched only as written: one letter changes too many short
names."""


def _one_edit_apart(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one letter added, dropped, changed or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        return swapped or a[i + 1 :] == b[i + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


class Gazetteer:
    """Known actors, their surface forms and the title lexicon."""

    def __init__(self, entries: Iterable[Entry], titles: Iterable[Title] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.key] = entry
        self.titles: dict[str, Title] = {form: t for t in titles for form in t.forms}
        self._holders: dict[tuple[str, str], list[tuple[Entry, Role]]] | None = None
        # built on demand: first name -> (surname, key); (slug of a state's name or alias, key)
        self._people: dict[str, set[tuple[str, str]]] | None = None
        self._state_names: list[tuple[str, str]] | None = None
        self._index: dict[str, list[Candidate]] = {}
        for entry in self.entries.values():
            for form, kind in entry.forms.items():
                self._index.setdefault(form, []).append(Candidate(entry, kind))
        for form in [f for f in self._index if f.startswith("the ")]:  # "The alliance" opening a sentence
            self._index.setdefault("The" + form[3:], list(self._index[form]))
        for form, cands in self._index.items():
            if len({c.entry.key for c in cands}) > 1 or any(form in c.entry.ambiguous for c in cands):
                self._index[form] = [Candidate(c.entry, c.kind, ambiguous=True) for c in cands]

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, form: str) -> list[Candidate]:
        """Every actor ``form`` may name (several when the form is ambiguous or an anaphor)."""
        return self._index.get(form, [])

    def misspelt_person(self, name: str) -> Entry | None:
        """The one known person whose name is ``name`` but for one letter in the surname, with the same first name
        ("Laurent Gbago" is Laurent Gbagbo, "Abdelaziz Bouteflicka" Abdelaziz Bouteflika); None if none or many."""
        words = slugify(name).split("-")
        if len(words) < 2 or len(words[-1]) < MIN_FUZZY_NAME:
            return None
        if self._people is None:
            self._people = {}
            for entry in self.entries.values():
                if entry.cls in ("Leader", "Person"):
                    for form in entry.forms:
                        parts = slugify(form).split("-")
                        if len(parts) >= 2:
                            self._people.setdefault(parts[0], set()).add((parts[-1], entry.key))
        found = {
            key for surname, key in self._people.get(words[0], ()) if _one_edit_apart(surname, words[-1])
        }
        return self.entries[found.pop()] if len(found) == 1 else None

    def misspelt_state(self, name: str) -> Entry | None:
        """The one state whose name or alias is ``name`` but for one letter ("Ethopia" is Ethiopia); None if none
        or many. Names shorter than ``MIN_FUZZY_NAME`` letters are matched only as written."""
        wanted = slugify(name)
        if len(wanted) < MIN_FUZZY_NAME:
            return None
        if self._state_names is None:
            self._state_names = [
                (slugify(form), entry.key)
                for entry in self.by_class("State")
                for form, kind in entry.forms.items()
                if kind in ("label", "alias")
            ]
        found = {key for slug, key in self._state_names if _one_edit_apart(slug, wanted)}
        return self.entries[found.pop()] if len(found) == 1 else None

    def forms(self) -> dict[str, list[Candidate]]:
        """All surface forms and their candidates."""
        return self._index

    def by_class(self, cls: str) -> list[Entry]:
        """Entries of one class, e.g. ``gaz.by_class("State")``."""
        return [e for e in self.entries.values() if e.cls == cls]

    def title(self, text: str) -> Title | None:
        """The title written as ``text`` ("President", "foreign minister"), if known."""
        return self.titles.get(text) or self.titles.get(text.title()) or self.titles.get(text.lower())

    def holders(self, office: str, title: str) -> list[tuple[Entry, Role]]:
        """Everyone who held ``title`` of ``office`` (an entry key), with the role: ``holders("Q159", "President")``."""
        if self._holders is None:
            self._holders = {}
            for entry in self.entries.values():
                for role in entry.roles:
                    self._holders.setdefault((role.of, role.title), []).append((entry, role))
        return self._holders.get((office, title), [])


def _read_yaml(path: Path) -> list[dict]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise GazetteerError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise GazetteerError(f"{path}: expected a YAML list of entries")
    return data


def _as_date(value: object, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise GazetteerError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _iso_codes(iso3: str) -> tuple[str | None, str | None]:
    """ISO alpha-2 and name from pycountry (current or historic), or (None, None) for non-ISO codes."""
    country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if country is None:
        return None, None
    return getattr(country, "alpha_2", None), country.name


def _strings(record: dict, key: str, where: str) -> list[str]:
    value = record.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: {key!r} must be a list of strings")
    return value


def _raw_entries(paths: Sequence[Path]) -> list[tuple[dict, str]]:
    """Records from every file, later files overriding earlier ones with the same label or QID; a record with
    ``extends: <label>`` adds its aliases to that entry instead."""
    merged: dict[str, tuple[dict, str]] = {}
    id_of_label: dict[str, str] = {}
    extensions: list[tuple[dict, str]] = []
    for path in paths:
        for number, record in enumerate(_read_yaml(path), start=1):
            where = f"{path.name} entry {number}"
            if "extends" in record:  # more aliases of an entry of another file
                extensions.append((record, where))
                continue
            label, cls = record.get("label"), record.get("class")
            if not isinstance(label, str) or not label.strip():
                raise GazetteerError(f"{where}: missing 'label'")
            if cls not in ACTOR_CLASSES:
                raise GazetteerError(f"{where} ({label}): 'class' must be one of {', '.join(ACTOR_CLASSES)}")
            qid = record.get("qid")
            if qid is not None and not (isinstance(qid, str) and QID.fullmatch(qid)):
                raise GazetteerError(f"{where} ({label}): 'qid' {qid!r} is no Wikidata id (Q and digits)")
            ident = str(qid or label)
            previous = id_of_label.get(label)
            if previous is not None and previous != ident:
                merged.pop(previous, None)
            id_of_label[label] = ident
            merged[ident] = (record, f"{where} ({label})")
    for record, where in extensions:
        ident = id_of_label.get(str(record["extends"]))
        if ident is None:
            raise GazetteerError(f"{where}: 'extends' {record['extends']!r} names no gazetteer entry")
        base, base_where = merged[ident]
        aliases = _strings(base, "aliases", base_where) + _strings(record, "aliases", where)
        merged[ident] = ({**base, "aliases": aliases}, base_where)
    return list(merged.values())


QID = re.compile(r"Q[1-9][0-9]*")
"""A Wikidata item id, as a gazetteer's ``qid``."""

APOSTROPHES = (("'", "\u2019"),)
"""Typewriter and typographic apostrophes: every form is matched with either."""
ARABIC_ARTICLE = re.compile(r"(?<![\w-])[Aa]l-(?=[A-Z])")
ARTICLE_SPELLINGS = ("al-", "Al-", "el-", "El-", "El ", "al ")
"""Spellings of the Arabic article in news: "Omar al-Bashir" is also written "Omar El Bashir", "Omar el-Bashir"."""


def _build_entries(records: list[tuple[dict, str]]) -> list[Entry]:
    entries: list[Entry] = []
    refs: dict[str, str] = {}  # iso3 or label -> key
    for record, _ in records:
        key = str(record.get("qid") or slugify(record["label"]))
        refs[record["label"]] = key
        if record.get("iso3"):
            refs[str(record["iso3"])] = key
    for record, where in records:
        key = refs[record["label"]]
        ambiguous = set(_strings(record, "ambiguous", where))

        def ref(value: object, field_name: str, *, where: str = where) -> str | None:
            if value is None:
                return None
            if str(value) not in refs:
                raise GazetteerError(f"{where}: {field_name} {value!r} names no gazetteer entry")
            return refs[str(value)]

        forms: dict[str, str] = {record["label"]: "label"}
        for kind, field_name in (("alias", "aliases"), ("demonym", "demonyms"), ("metonym", "metonyms")):
            for form in _strings(record, field_name, where):
                forms.setdefault(form, kind)
        for form in _strings(record, "anaphora", where):
            forms.setdefault(form, "anaphora")
        forms.update({form: forms.get(form, "alias") for form in ambiguous})
        for form, kind in list(forms.items()):  # news writes "Da’esh" as often as "Da'esh"
            for straight, curly in APOSTROPHES:
                forms.setdefault(form.replace(straight, curly), kind)
                forms.setdefault(form.replace(curly, straight), kind)
            if ARABIC_ARTICLE.search(form):
                for spelling in ARTICLE_SPELLINGS:
                    forms.setdefault(ARABIC_ARTICLE.sub(spelling, form), kind)
        iso3 = record.get("iso3")
        iso2, _ = _iso_codes(iso3) if iso3 else (None, None)
        roles = tuple(
            Role(
                title=str(r.get("title", "")),
                of=ref(r.get("of"), "role 'of'") or "",
                relation=str(r.get("relation", "leaderOf")),
                start=_as_date(r.get("start"), where),
                end=_as_date(r.get("end"), where),
            )
            for r in record.get("roles") or []
        )
        for role in roles:
            if role.relation not in ROLE_RELATIONS:
                raise GazetteerError(f"{where}: role relation must be leaderOf or officialOf")
        entries.append(
            Entry(
                key=key,
                label=record["label"],
                cls=record["class"],
                qid=record.get("qid"),
                iso3=iso3,
                iso2=iso2,
                country=ref(record.get("country"), "country")
                or (key if record["class"] == "State" else None),
                sector=record.get("sector"),
                part_of=ref(record.get("part_of"), "part_of"),
                members=tuple(k for m in _strings(record, "members", where) if (k := ref(m, "member"))),
                context=tuple(k for c in _strings(record, "context", where) if (k := ref(c, "context"))),
                roles=roles,
                forms=forms,
                ambiguous=frozenset(ambiguous),
            )
        )
    return entries


def _load_titles(path: Path) -> list[Title]:
    if not path.exists():
        return []
    titles = []
    for number, record in enumerate(_read_yaml(path), start=1):
        where = f"{path.name} entry {number}"
        if record.get("relation") not in ROLE_RELATIONS:
            raise GazetteerError(f"{where}: 'relation' must be leaderOf or officialOf")
        forms = _strings(record, "forms", where) or [str(record.get("title"))]
        titles.append(
            Title(
                str(record.get("title")),
                record["relation"],
                record.get("sector"),
                tuple(forms),
                bool(record.get("shared", False)),
                bool(record.get("generic", False)),
            )
        )
    return titles


def gazetteer_files(extra: Sequence[str | Path] = (), skip: Sequence[str] = ()) -> list[Path]:
    """The built-in gazetteer files in a stable order (but those named in ``skip`` and the title lexicon), then the
    user's extra files."""
    built_in = sorted(p for p in GAZETTEER_DIR.glob("*.yaml") if p.name not in (*skip, TITLES_FILE.name))
    extras = [Path(p) for p in extra]
    for path in extras:
        if not path.is_file():
            raise GazetteerError(f"no such gazetteer file: {path}")
    return built_in + extras


def load_gazetteer(extra: Sequence[str | Path] = (), skip: Sequence[str] = ()) -> Gazetteer:
    """Load the gazetteer (``ontology/gazetteer/*.yaml`` but the files named in ``skip``, plus ``extra`` files) and
    its title lexicon (``ontology/gazetteer/titles.yaml``).

    Loading is cached per set of files: a process loads each gazetteer once.
    """
    return _load(tuple(str(p) for p in gazetteer_files(extra, skip)))


@lru_cache(maxsize=4)
def _load(paths: tuple[str, ...]) -> Gazetteer:
    """The gazetteer of these files, parsed once per set of files and contents (cached on disk, see
    :mod:`kg.cache`: reading the YAML is a large part of the pipeline's start-up)."""
    files = [Path(p) for p in paths]

    def parse() -> Gazetteer:
        return Gazetteer(_build_entries(_raw_entries(files)), _load_titles(TITLES_FILE))

    inputs = [*files, TITLES_FILE, f"pycountry {pycountry.__version__}"]
    return remember("gazetteer", inputs, parse, pickle.dumps, pickle.loads)
