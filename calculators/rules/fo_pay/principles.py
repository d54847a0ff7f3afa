"""FO pay check: the eight principles for pay («Prinsipper for avlønning»), one function each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ...machinery import fmt
from ...machinery.evidence import Quote, Reading, regulation
from .model import Position, Principle
from .names import OSLO, ROLE_CHOICES, Role, Status

# The eight principles, word for word («Prinsipper for avlønning»).
PRINCIPLE_QUOTES: dict[int, Quote] = {n: regulation(f"prinsipper-for-avlonning-{n}", words) for n, words in (
    (1, "Tillitsvalgte som omfattes av disse vilkårene får sin lønn fastsatt forholdsmessig etter LO-leders lønn."),
    (2, "Forbundets leder skal avlønnes høyest i organisasjonen."),
    (3, "Forbundets nestleder skal lønnes høyere enn øvrige AU-medlemmer sentralt."),
    (4, "De øvrige verv i AU sentralt lønnes likt."),
    (5, "Leder for Oslo-avdelingen skal avlønnes høyere enn FOs øvrige ledere for avdeling."),
    (6, "Frikjøpte ledere for avdeling skal avlønnes høyest blant de lønnede tillitsvalgte i avdelingen."),
    (7, "Frikjøpte nestledere for avdeling skal avlønnes høyere enn avdelingsekretærene."),
    (8, "Øvrige avdelingstillitsvalgte avlønnes i spennet mellom rent frikjøp og avdelingssekretærs lønnsnivå. "
        "Avdelingen avgjør avlønningen ut fra arbeids- og ansvarsdeling."),
)}

R_PRINCIPLE_1 = Reading(
    "Prinsipp 1 vises til orientering",
    "En lønnstabell kan ikke vise om lønnen er fastsatt forholdsmessig etter LO-leders lønn. Lønnssjekken viser "
    "derfor hvert lønnsnivå i prosent av LO-leders lønn, merket «Til orientering», og viser aldri prinsippet som "
    "oppfylt eller brutt.",
    PRINCIPLE_QUOTES[1])

_AT_FULL_TIME = ("Lønnssjekken sammenligner lønnsnivåene ved 100 % stilling, ikke beløpene som utbetales ved "
                 "deltid. Reglementet sier hvem som skal avlønnes høyest, høyere eller likt, men ikke om det "
                 "gjelder nivået eller beløpet.")


def at_full_time(rule: int) -> Reading:
    """The reading that principles 2–7 compare levels at 100 %, with the principle's words."""
    return Reading("Lønnsnivå ved 100 % stilling", _AT_FULL_TIME, PRINCIPLE_QUOTES[rule])


R_AT_FULL_TIME = at_full_time(2)

R_PRINCIPLE_8 = Reading(
    "Prinsipp 8: spennet fra rent frikjøp til sekretærens lønnsnivå",
    "«Rent frikjøp» leses som den tillitsvalgtes egen ordinære lønn, altså det arbeidsgiveren ellers betaler. "
    "Har avdelingen flere sekretærer, er det høyeste lønnsnivået blant dem den øvre grensen. Har avdelingen "
    "ingen sekretær, kontrolleres bare den nedre grensen.",
    PRINCIPLE_QUOTES[8])

R_SAME_PERSON = Reading(
    "Samme person på flere rader",
    "En person kjennes igjen på navnet slik det er skrevet, uten forskjell på store og små bokstaver og "
    "ekstra mellomrom. Står samme navn på flere rader, er det samme person, og lønnssjekken sammenligner "
    "aldri en person med seg selv. En rad uten navn er ingen andre enn seg selv.",
    PRINCIPLE_QUOTES[6])

READINGS = (R_PRINCIPLE_1, R_AT_FULL_TIME, R_PRINCIPLE_8, R_SAME_PERSON)

def _who(p: Position) -> str:
    return f"{p.name} ({fmt.kr(p.level)})"


def _whos(ps: list[Position]) -> str:
    return fmt.capped_list([_who(p) for p in ps])


def _ids(*groups: list[Position]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for p in group:
            seen.setdefault(p.id, None)
    return tuple(seen)


def _national(ps: tuple[Position, ...], role: Role) -> list[Position]:
    return [p for p in ps if p.unit.national and p.role == role]


def _dept(group: list[Position]) -> str:
    """A department's name as first typed in the table."""
    return group[0].unit.name


def _departments(ps: tuple[Position, ...]) -> dict[str, list[Position]]:
    """Department officials grouped by department, in order of first appearance."""
    groups: dict[str, list[Position]] = {}
    for p in ps:
        if not p.unit.national:
            groups.setdefault(p.unit.key, []).append(p)
    return groups


@dataclass
class _Check:
    """Collects the sentences and officials of a principle checked in several parts."""
    passed: list[str]
    failed: list[str]
    ok_ids: list[Position]
    bad_ids: list[Position]
    alone: list[str]   # officials whose only «others» were rows of themselves

    @classmethod
    def new(cls) -> _Check:
        return cls([], [], [], [], [])

    def above(self, top: Position, others: list[Position], subject: str, fail_tail: str,
              pass_tail: str) -> None:
        """`top` must be paid strictly higher than each of `others`. `subject` names `top`
        with `{who}` where name and level go, e.g. `Forbundsleder {who}`."""
        who = subject.format(who=_who(top))
        others = [o for o in others if not top.same_person(o)]
        if not others:
            self.alone.append(f"{top.name} står på flere rader, og lønnssjekken sammenligner ikke en person "
                              "med seg selv.")
            return
        offenders = [o for o in others if o.level >= top.level]
        if offenders:
            self.failed.append(f"{who} {fail_tail}, men {_whos(offenders)} har like høyt "
                               "eller høyere lønnsnivå.")
            self.bad_ids += [top, *offenders]
        else:
            highest = max(others, key=lambda o: o.level)
            self.passed.append(f"{who} {pass_tail}; nest høyest er {highest.name} med "
                               f"{fmt.kr(highest.level)}.")
            self.ok_ids += [top, *others]

    def principle(self, rule: int, na_message: str) -> Principle:
        if self.failed:
            return Principle(rule, Status.FAIL, " ".join(self.failed), _ids(self.bad_ids))
        if self.passed:
            return Principle(rule, Status.PASS, " ".join(self.passed), _ids(self.ok_ids))
        return Principle(rule, Status.NA, " ".join([*self.alone, na_message]), ())


def _distinct(ps: list[Position]) -> list[Position]:
    """One row per person (the first)."""
    out: list[Position] = []
    for p in ps:
        if not any(p.same_person(q) for q in out):
            out.append(p)
    return out


def principle_1_relative_to_lo(ps: tuple[Position, ...], lo: Decimal) -> Principle:
    shares = fmt.capped_list([f"{p.name} {fmt.percent(p.percent_of_lo)} ({fmt.kr(p.level)})" for p in ps])
    return Principle(1, Status.INFO,
                     f"Lønnsnivåene i prosent av LO-leders lønn ({fmt.kr(lo)}): {shares}. "
                     "Tabellen kan ikke vise om lønnen er fastsatt forholdsmessig etter LO-leders lønn.",
                     _ids(list(ps)), reading=R_PRINCIPLE_1)


def principle_2_national_leader_highest(ps: tuple[Position, ...]) -> Principle:
    leaders = _national(ps, Role.LEDER)
    others = [p for p in ps if p not in leaders]
    check = _Check.new()
    for leader in leaders if others else []:
        check.above(leader, others, "Forbundets leder, {who},",
                    "skal avlønnes høyest i organisasjonen",
                    "har høyere lønnsnivå enn alle andre lønnede tillitsvalgte")
    if len(leaders) > 1 and others:
        note = ("Tabellen har flere forbundsledere; hver er sammenlignet med alle som ikke er "
                "forbundsleder.")
        (check.failed if check.failed else check.passed).append(note)
    na = ("Ingen leder i forbundsledelsen i tabellen." if not leaders
          else "Ingen andre lønnede tillitsvalgte å sammenligne forbundslederen med.")
    return check.principle(2, na)


def principle_3_national_deputy_above_au(ps: tuple[Position, ...]) -> Principle:
    deputies = _national(ps, Role.NESTLEDER)
    members = _national(ps, Role.AU_MEDLEM)
    check = _Check.new()
    for deputy in deputies if members else []:
        check.above(deputy, members, "Forbundets nestleder, {who},",
                    "skal lønnes høyere enn de øvrige AU-medlemmene sentralt",
                    "har høyere lønnsnivå enn alle øvrige AU-medlemmer sentralt")
    na = ("Ingen nestleder i forbundsledelsen i tabellen."
          if not deputies else
          "Ingen øvrige AU-medlemmer i forbundsledelsen å sammenligne nestlederen med.")
    return check.principle(3, na)


def principle_4_au_members_equal(ps: tuple[Position, ...]) -> Principle:
    members = _distinct(_national(ps, Role.AU_MEDLEM))
    if len(members) < 2:
        return Principle(4, Status.NA,
                         "Færre enn to øvrige AU-medlemmer i forbundsledelsen i tabellen; "
                         "det er ingenting å sammenligne.", _ids(members))
    if len({p.level for p in members}) == 1:
        return Principle(4, Status.PASS,
                         f"De øvrige AU-medlemmene sentralt, {fmt.capped_list([p.name for p in members])}, "
                         f"lønnes likt ({fmt.kr(members[0].level)}).", _ids(members))
    return Principle(4, Status.FAIL,
                     "De øvrige AU-medlemmene sentralt skal lønnes likt, men har ulike lønnsnivåer: "
                     f"{_whos(members)}.", _ids(members))


def principle_5_oslo_leader_highest(ps: tuple[Position, ...]) -> Principle:
    leaders = [p for p in ps if not p.unit.national and p.role == Role.LEDER]
    oslo = [p for p in leaders if p.unit.key == OSLO]
    others = [p for p in leaders if p.unit.key != OSLO]
    check = _Check.new()
    for top in oslo if others else []:
        check.above(top, others, "Lederen for Oslo-avdelingen, {who},",
                    "skal avlønnes høyere enn FOs øvrige avdelingsledere",
                    "har høyere lønnsnivå enn alle øvrige avdelingsledere")
    na = ("Ingen leder for Oslo-avdelingen i tabellen." if not oslo
          else "Ingen andre avdelingsledere å sammenligne lederen for Oslo-avdelingen med.")
    return check.principle(5, na)


def _in_each_department(ps: tuple[Position, ...], rule: int, top: Role, below: Callable[[Position], bool],
                        title: str, fail_tail: str, pass_tail: str, na_message: str) -> Principle:
    """In each department, every official with the role `top` paid above every official
    `below` picks (principles 6 and 7); `title` names the top one: «Nestlederen»."""
    check = _Check.new()
    for group in _departments(ps).values():
        tops = [p for p in group if p.role == top]
        others = [p for p in group if below(p)]
        for p in tops if others else []:
            check.above(p, others, f"{title} i {_dept(group)}, {{who}},", fail_tail, pass_tail)
    return check.principle(rule, na_message)


def principle_6_department_leader_highest(ps: tuple[Position, ...]) -> Principle:
    return _in_each_department(ps, 6, Role.LEDER, lambda p: p.role != Role.LEDER, "Avdelingslederen",
                               "skal avlønnes høyest blant de lønnede tillitsvalgte i avdelingen",
                               "har høyere lønnsnivå enn de andre lønnede tillitsvalgte i avdelingen",
                               "Ingen avdeling i tabellen har både en leder og andre lønnede "
                               "tillitsvalgte; det er ingenting å sammenligne.")


def principle_7_department_deputy_above_secretaries(ps: tuple[Position, ...]) -> Principle:
    return _in_each_department(ps, 7, Role.NESTLEDER, lambda p: p.role == Role.SEKRETAER, "Nestlederen",
                               "skal lønnes høyere enn avdelingssekretærene",
                               "har høyere lønnsnivå enn avdelingssekretærene",
                               "Ingen avdeling i tabellen har både en nestleder og en "
                               "avdelingssekretær; det er ingenting å sammenligne.")


def principle_8_others_within_span(ps: tuple[Position, ...]) -> Principle:
    groups = _departments(ps)
    check = _Check.new()
    for p in ps:
        if p.role != Role.OVRIG or p.own_salary is None:
            continue
        dept = _dept(groups[p.unit.key])
        secretaries = [s for s in groups[p.unit.key] if s.role == Role.SEKRETAER and not p.same_person(s)]
        has = f"{p.name} i {dept} har lønnsnivå {fmt.kr(p.level)},"
        own = f"egen ordinær lønn ({fmt.kr(p.own_salary)})"
        if p.level < p.own_salary:
            check.failed.append(f"{has} lavere enn {own}.")
            check.bad_ids.append(p)
            continue
        if not secretaries:
            self_too = any(s.role == Role.SEKRETAER and p.same_person(s) for s in groups[p.unit.key])
            none = (f"ingen annen avdelingssekretær enn {p.name} selv" if self_too
                    else "ingen avdelingssekretær i tabellen")
            check.passed.append(
                f"{has} ikke lavere enn {own}. {dept} har {none}, så bare den nedre grensen er kontrollert.")
            check.ok_ids.append(p)
            continue
        top = max(secretaries, key=lambda s: s.level)
        bound = f"avdelingssekretærens lønnsnivå ({top.name}, {fmt.kr(top.level)})"
        if len(secretaries) > 1:
            bound = (f"det høyeste lønnsnivået blant avdelingssekretærene ({top.name}, "
                     f"{fmt.kr(top.level)}; med flere sekretærer i avdelingen er det kalkulatorens "
                     "lesning av «avdelingssekretærens lønnsnivå»)")
        if p.level > top.level:
            check.failed.append(f"{has} høyere enn {bound}.")
            check.bad_ids += [p, top]
        else:
            check.passed.append(f"{has} innenfor spennet fra {own} til {bound}.")
            check.ok_ids += [p, top]
    return check.principle(8, f"Ingen med vervet «{ROLE_CHOICES[Role.OVRIG]}» i tabellen.")


PRINCIPLES: tuple[Callable[[tuple[Position, ...]], Principle], ...] = (
    principle_2_national_leader_highest,
    principle_3_national_deputy_above_au,
    principle_4_au_members_equal,
    principle_5_oslo_leader_highest,
    principle_6_department_leader_highest,
    principle_7_department_deputy_above_secretaries,
    principle_8_others_within_span,
)


def with_evidence(p: Principle) -> Principle:
    """The principle's words and the reading its check rests on."""
    if p.rule == 8:
        return replace(p, reading=R_PRINCIPLE_8)
    if p.rule == 1:
        return p
    return replace(p, reading=at_full_time(p.rule))


def check_principles(ps: tuple[Position, ...], lo: Decimal) -> tuple[Principle, ...]:
    return (principle_1_relative_to_lo(ps, lo), *(with_evidence(rule(ps)) for rule in PRINCIPLES))
