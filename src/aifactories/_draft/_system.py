"""A factory's supercomputer: new or upgraded, name, vendor, accelerators."""

from __future__ import annotations

import re
from typing import Any

from aifactories._draft import _lexicon as lex
from aifactories._draft._match import _NOT_NAMES, _TOKEN, _UP, _demonym_re, _word_find
from aifactories._draft._output import _dedupe
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Kind, Supercomputer, SystemStatus
from aifactories._text import fold

# A word for a supercomputer in the languages of our press releases.
_MACHINE = (
    r"(?:[Ss]upercomput(?:er|ador)|[Ss]uperordenador|[Ss]upercalculateur|"
    r"[Ss]uperkomputer\w*|[Ss]upercalcolatore|"
    # The other languages of the registry's countries.
    r"[Ss]upercomputerul\w*|[Ss]uperpočítač\w*|[Ss]uperdator\w*|"
    r"[Ss]upertietokone\w*|[Ss]uperračunal\w*|[Ss]zuperszámítógép\w*|"
    r"[Ss]uperkompiuter\w*|[Ss]uperarvuti\w*|υπερυπολογιστ\w*|суперкомпют\w*)"
)
_SYSTEM_NEW = re.compile(
    r"\b(?:brand[ -])?(?:new|neue[nrs]?|nuovo|nuevo|nouveau|now\w+|nieuwe|novo|"
    r"noul|nový|nová|nya|nytt|uusi)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_MACHINE}|system)",
    re.IGNORECASE,
)
_SYSTEM_UPGRADE = re.compile(
    r"\b(?:upgrade of (?:the |its )?(?:existing )?|upgrad(?:e|es|ing) (?:the |its )"
    r"(?:existing )?|Aufrüstung|Erweiterung des bestehenden|potenziamento|"
    r"ampliación del|mise à niveau|modernizacj\w+|rozbudow\w+)",
    re.IGNORECASE,
)
_SYSTEM_NAME = (
    # "the supercomputer, named X", "X supercomputer", "supercomputer X".
    re.compile(
        rf"(?:{_MACHINE}|HPC system|AI system|[Ss]ystem),?\s+(?:named|called|dubbed|"
        r"mit dem Namen|namens|chiamato|denominato|llamado|denominado|baptisé|"
        r"appelé|nommé|"
        r"o nazwie|genaamd|met de naam|chamado|numit|denumit|anomenat|s názvem|"
        rf"nazvan\w*|kallad)\s+[„“\"«']?(?P<n>{_TOKEN})"
    ),
    re.compile(rf"(?<![\w-])(?P<n>[{_UP}][\w-]*)\s+(?:AI\s+)?{_MACHINE}(?!\w)"),
    re.compile(rf"{_MACHINE},?\s+[„“\"«]?(?P<n>[{_UP}][\w-]*\+*)"),
)
_ACCELERATOR = re.compile(
    r"(?:NVIDIA|Nvidia|AMD|Intel)(?:\s+(?:[A-Z][\w-]*|\d\w*)){1,4}"
    r"(?:\s+(?:GPUs?|Superchips?|accelerators?|APUs?|Tensor Core GPUs?|"
    r"processors?|Grafikprozessoren|procesador\w*))?"
)
_OPERATION_BEFORE = re.compile(
    r"(?:(?:Anfang|Mitte|Ende|early|mid|late)\s*-?\s*)?(?P<y>20\d\d)\s+(?:in Betrieb|"
    r"operational|betriebsbereit)"
)
_OPERATION = re.compile(
    r"\b(?:operational|in operation|in service|up and running|go live|"
    r"in Betrieb|betriebsbereit|operativ[oa]|in funzione|entrerà in funzione|"
    r"en funcionamiento|en servicio|opérationnel(?:le)?|"
    r"en service|uruchomion\w+|działać)\s+(?:by|in|from|im|ab|nel|entro|a partire dal|"
    r"en|dès|à partir de|w|od)?\s*(?:(?:early|mid|late|the end of|"
    r"Anfang|Mitte|Ende|inizio|metà|fine|principios de|mediados de|finales de|"
    r"début|fin|połowie|początku|końcu)\s*-?\s*)?(?P<y>20\d\d)",
    re.IGNORECASE,
)


class _System(_Reading):
    """Reads a factory's supercomputer."""

    def system(self, sent: _Sentence, acc: _Acc) -> None:
        if acc.kind is not Kind.FACTORY:
            return
        text = sent.text
        new = _SYSTEM_NEW.search(text)
        upgrade = _SYSTEM_UPGRADE.search(text)
        if acc.status is None and (new is not None) != (upgrade is not None):
            status = SystemStatus.NEW if new is not None else SystemStatus.UPGRADE
            supports = f"supercomputer.status: {status.value}"
            acc.status = (status, self.whole(sent, supports))
        names = {fold(w) for label in [acc.name, *acc.aliases] for w in label.split()}
        for pattern in _SYSTEM_NAME:
            for match in pattern.finditer(text):
                value = match.group("n").rstrip(".,")
                # Not a word, a place or a vendor, nor a description
                # ("AI-optimised supercomputer").
                common = fold(value) in _NOT_NAMES | names or value in lex.VENDORS
                place = _demonym_re().fullmatch(value)
                if not common and not place and not re.search(r"-[a-z]", value):
                    self.found(sent, acc, "name", value, match.span())
        vendor = next((v for v in lex.VENDORS if _word_find(text, v) >= 0), None)
        if vendor is not None:
            self.found(sent, acc, "vendor", vendor, (0, len(text)))
        accel = _ACCELERATOR.search(text)
        operation = _OPERATION.search(text) or _OPERATION_BEFORE.search(text)
        for field, said in (("accelerators", accel), ("expected_operation", operation)):
            if said is not None:
                self.found(sent, acc, field, said.group().strip(), said.span())

    def found(
        self, sent: _Sentence, acc: _Acc, field: str, value: str, span: tuple[int, int]
    ) -> None:
        source = self.source(sent, *span, f"supercomputer.{field}")
        acc.system.setdefault(field, (value, source))

    def build_system(self, acc: _Acc) -> Supercomputer | None:
        if not acc.system and acc.status is None:
            return None
        sources = [source for _, source in acc.system.values()]
        note = None
        if acc.status is not None:
            status, source = acc.status
            sources.insert(0, source)
        else:
            # The format requires a status; the reviewer must set it.
            status = SystemStatus.NEW
            note = "status: to fill by reviewer"
            self.warnings.append(f"{acc.name}: supercomputer.{note}")
        # Only the free-text fields (name, vendor, accelerators...) are drafted.
        values: dict[str, Any] = {f: value for f, (value, _) in acc.system.items()}
        return Supercomputer(
            status=status, note=note, sources=_dedupe(sources), **values
        )
