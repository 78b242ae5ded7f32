#!/usr/bin/env python3
"""An independent oracle for the example RAS models in models/ and their test cases.

    python3 tests/cases/ras/oracle.py            # every case of every model
    python3 tests/cases/ras/oracle.py levels -v  # one model, with each case's working

Each model's formula is written out by hand below, in Python, following the arithmetic of
docs/ras-models.md: decimals with six places; every multiplication, division and square root
rounded half to even to six places; additions exact; the amount is transform(value) + add-ons,
times scale, raised to the floor, lowered to the ceiling, then turned into pence once by the
model's rounding rule. The model files' expressions are never parsed here, so the engine and
this script are two separate readings of the same model.

The script does read two things from the YAML files:
  * the model's data (questions, option scores, ranges, attributes, parameters, bands, tables,
    floor, ceiling), only to check that it matches the copy written out below, so a typo in
    either is caught, and
  * each case's answers, to compute its amount (or the inputs it must refuse) and compare it
    with the case's `amount_pence` (or `refused`).

It prints every case with its amount and exits 1 when a case or a model's data disagrees.
"""

from __future__ import annotations

import sys
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal, getcontext
from fractions import Fraction
from pathlib import Path

import yaml

getcontext().prec = 100  # additions and exact products of six-place numbers never round

ROOT = Path(__file__).resolve().parents[3]
CASES = ROOT / "tests" / "cases" / "ras"
MODELS = ROOT / "models"

MICRO = 10**6
D = Decimal

# --------------------------------------------------------------------------------------------
# Six-place decimal arithmetic


def num(x) -> Decimal:
    """A six-place decimal from an int, a string or a YAML float (via its shortest repr)."""
    if isinstance(x, bool):
        raise TypeError("a yes/no is not a number")
    d = D(str(x)) if isinstance(x, float) else D(x)
    if d != d.quantize(D("0.000001")):
        raise ValueError(f"{x} has more than six decimal places")
    return d


def _micros(d: Decimal) -> int:
    m = d * MICRO
    assert m == m.to_integral_value(), f"{d} has more than six places"
    return int(m)


def _from_fraction(f: Fraction) -> Decimal:
    # round() of a Fraction rounds half to even.
    return D(round(f * MICRO)) / MICRO


def mul(a: Decimal, b: Decimal) -> Decimal:
    return _from_fraction(Fraction(_micros(a) * _micros(b), MICRO * MICRO))


def div(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise ZeroDivisionError
    return _from_fraction(Fraction(_micros(a), _micros(b)))


def add(*xs: Decimal) -> Decimal:
    total = D(0)
    for x in xs:
        _micros(x)
        total += x
    return total


PENCE_RULES = {
    "half_up": ROUND_HALF_UP,  # ties away from zero
    "half_even": ROUND_HALF_EVEN,
    "down": ROUND_DOWN,  # towards zero
    "up": ROUND_UP,  # away from zero
}


def to_pence(pounds: Decimal, rule: str) -> int:
    return int((pounds * 100).quantize(D(1), rounding=PENCE_RULES[rule]))


def finish(value, add_ons, scale, floor, ceiling, rule, trace):
    """transform(value) is already applied; + add-ons, × scale, floor, ceiling, pence."""
    amount = add(value, *add_ons)
    trace["before_scale"] = amount
    if scale is not None:
        amount = mul(amount, scale)
        trace["scaled"] = amount
    if floor is not None:
        amount = max(amount, floor)
    if ceiling is not None:
        amount = min(amount, ceiling)
    trace["pounds"] = amount
    return to_pence(amount, rule)


# --------------------------------------------------------------------------------------------
# Inputs shared by the three models

LIVING_SETTINGS = ["own_home", "family_home", "supported_living", "shared_lives"]
SUPPORT_REASONS = [
    "physical_support",
    "sensory_support",
    "memory_cognition",
    "learning_disability",
    "mental_health",
    "social_support",
]
ATTRIBUTES = {
    "age": ("number", 18, 120, True),
    "living_setting": ("category", LIVING_SETTINGS),
    "has_unpaid_carer": ("yes_no",),
    "support_reason": ("category", SUPPORT_REASONS),
}


def opts(group, outcome, *scores):
    """A question with options a, b, c, ... scoring `scores`."""
    codes = "abcdefgh"[: len(scores)]
    return {"group": group, "outcome": outcome, "options": dict(zip(codes, scores))}


def number_q(group, outcome, low, high, integer):
    return {"group": group, "outcome": outcome, "number": (low, high, integer)}


# --------------------------------------------------------------------------------------------
# points-price


PP_QUESTIONS = {
    "washing": opts("personal_care_items", "hygiene", 0, 2, 5, 8),
    "grooming": opts("personal_care_items", "hygiene", 0, 1, 3, 5),
    "using_toilet": opts("personal_care_items", "toilet", 0, 3, 6, 9),
    "continence": opts("personal_care_items", "toilet", 0, 2, 5, 8),
    "dressing": opts("personal_care_items", "clothing", 0, 2, 4, 7),
    "eating_drinking": opts("eating_items", "nutrition", 0, 2, 5, 8),
    "meal_preparation": opts("eating_items", "nutrition", 0, 2, 4, 6),
    "moving_around_home": opts("home_items", "home_safety", 0, 2, 5, 8),
    "staying_safe_home": opts("home_items", "home_safety", 0, 2, 4, 7),
    "medicines": opts("home_items", "home_safety", 0, 1, 3, 5),
    "cleaning_laundry": opts("home_items", "habitable_home", 0, 2, 3, 5),
    "post_and_bills": opts("home_items", "habitable_home", 0, 1, 3, 5),
    "nights_help": number_q(None, "home_safety", 0, 7, True),
    "family_contact": opts("relationships_items", "relationships", 0, 1, 3, 5),
    "friendships": opts("relationships_items", "relationships", 0, 1, 3, 5),
    "loneliness": opts("relationships_items", "relationships", 0, 1, 2, 4),
    "communication": opts("relationships_items", "relationships", 0, 2, 4, 6),
    "work_volunteering": opts("work_items", "work_learning", 0, 2, 4, 6),
    "learning": opts("work_items", "work_learning", 0, 1, 3, 5),
    "getting_out": opts("community_items", "community", 0, 2, 4, 6),
    "transport": opts("community_items", "community", 0, 1, 3, 5),
    "shops_services": opts("community_items", "community", 0, 1, 3, 5),
    "leisure": opts("community_items", "community", 0, 1, 3, 5),
    "children_daily_care": opts("parenting_items", "caring_for_child", 0, 0, 3, 6),
    "children_out": opts("parenting_items", "caring_for_child", 0, 0, 2, 5),
    "carer_share": opts(None, None, 0, 1, 2, 3),
}
PP_PARAMETERS = {
    "price_per_point": ("4.35", True),
    "upper_band_1_amount": ("55", False),
    "upper_band_2_amount": ("120", False),
}
PP_BANDS = {
    # id: [(at_least, below, value)], None for an open end
    "carer_reduction": [(None, 1, 0), (1, 2, 15), (2, 3, 30), (3, None, 50)],
    "upper_band": [(None, 85, 0), (85, 100, "upper_band_1_amount"), (100, None, "upper_band_2_amount")],
}
PP_SETTINGS = {
    "period": "weekly",
    "rounding": "half_up",
    "transform": "none",
    "scale": None,
    "floor": "50",
    "ceiling": "600",
}


def band(table, x: Decimal, params=None):
    for at_least, below, value in table:
        if (at_least is None or x >= at_least) and (below is None or x < below):
            return num(params[value][0]) if isinstance(value, str) else num(value)
    raise AssertionError(f"no band for {x}")


def points_price(a, t):
    q = PP_QUESTIONS
    p = {k: num(v[0]) for k, v in PP_PARAMETERS.items()}

    def score(qid):
        return num(q[qid]["options"][a[qid]])

    def total(group):
        return add(*(score(k) for k, v in q.items() if v["group"] == group and "options" in v))

    nights = num(a["nights_help"])
    personal = min(total("personal_care_items"), D(30))
    eating = min(total("eating_items"), D(12))
    home = min(add(total("home_items"), mul(D(2), nights)), D(30))
    relationships = min(total("relationships_items"), D(12))
    work = min(total("work_items"), D(8))
    community = min(total("community_items"), D(16))
    parenting = min(total("parenting_items"), D(10))
    carer_reduction = band(PP_BANDS["carer_reduction"], score("carer_share"))
    carer_percent = carer_reduction if a["has_unpaid_carer"] else D(0)
    daily = div(mul(add(personal, eating, home), add(D(100), -carer_percent)), D(100))
    total_points = add(daily, relationships, work, community, parenting)
    upper = band(PP_BANDS["upper_band"], total_points, PP_PARAMETERS)
    value = mul(total_points, p["price_per_point"])
    t.update(
        personal_care=personal,
        eating=eating,
        home=home,
        relationships=relationships,
        work=work,
        community=community,
        parenting=parenting,
        carer_percent=carer_percent,
        daily_living=daily,
        total_points=total_points,
        value=value,
        upper_band=upper,
    )
    s = PP_SETTINGS
    return finish(value, [upper], None, num(s["floor"]), num(s["ceiling"]), s["rounding"], t)


# --------------------------------------------------------------------------------------------
# regression


RG_QUESTIONS = {
    "washing_dressing": opts("personal_items", "hygiene", 0, 2, 4, 6),
    "using_toilet": opts("personal_items", "toilet", 0, 2, 4, 6),
    "eating_drinking": opts("personal_items", "nutrition", 0, 2, 4, 6),
    "moving_about": opts("personal_items", "home_safety", 0, 2, 4, 6),
    "cooking": opts("daily_living_items", "nutrition", 0, 1, 3, 5),
    "housework": opts("daily_living_items", "habitable_home", 0, 1, 3, 5),
    "money_and_post": opts("daily_living_items", "habitable_home", 0, 1, 3, 5),
    "getting_out": opts("community_items", "community", 0, 1, 3, 5),
    "daytime_activity": opts("community_items", "work_learning", 0, 1, 3, 5),
    "seeing_people": opts("community_items", "relationships", 0, 1, 3, 5),
    "behaviour": opts(None, "home_safety", 0, 2, 4, 6),
    "communication": opts(None, "relationships", 0, 1, 2, 4),
    "nights_help": number_q(None, "home_safety", 0, 7, True),
}
RG_PARAMETERS = {
    "intercept": ("6.184213", True),
    "coef_behaviour": ("0.873105", True),
    "coef_communication": ("0.51284", True),
    "coef_nights": ("0.641722", True),
    "coef_personal": ("0.416237", True),
    "coef_daily_living": ("0.237519", True),
    "coef_community": ("0.189304", True),
    "coef_community_own_home": ("0.124618", True),
    "coef_age_18_24": ("1.103527", True),
    "coef_age_65_plus": ("-1.427014", True),
    "coef_supported_living": ("2.356148", True),
    "coef_shared_lives": ("-1.280417", True),
    "coef_family_home": ("-0.635822", True),
    "coef_unpaid_carer": ("-0.941736", True),
    "funding_scale": ("0.96", False),
}
RG_BANDS: dict = {}
RG_SETTINGS = {
    "period": "weekly",
    "rounding": "down",
    "transform": "square",
    "scale": "funding_scale",
    "floor": "60",
    "ceiling": "1250",
}


def regression(a, t):
    q = RG_QUESTIONS
    p = {k: num(v[0]) for k, v in RG_PARAMETERS.items()}

    def score(qid):
        return num(q[qid]["options"][a[qid]])

    def total(group):
        return add(*(score(k) for k, v in q.items() if v["group"] == group and "options" in v))

    age = num(a["age"])
    if age < 25:
        age_term = p["coef_age_18_24"]
    elif age >= 65:
        age_term = p["coef_age_65_plus"]
    else:
        age_term = D(0)

    setting = a["living_setting"]
    if setting == "own_home":
        setting_term = D(0)
    elif setting == "supported_living":
        setting_term = p["coef_supported_living"]
    elif setting == "shared_lives":
        setting_term = p["coef_shared_lives"]
    else:
        setting_term = p["coef_family_home"]

    if setting == "own_home":
        own_home_term = mul(p["coef_community_own_home"], total("community_items"))
    else:
        own_home_term = D(0)
    carer_term = p["coef_unpaid_carer"] if a["has_unpaid_carer"] else D(0)

    root = add(
        p["intercept"],
        mul(p["coef_behaviour"], score("behaviour")),
        mul(p["coef_communication"], score("communication")),
        mul(p["coef_nights"], num(a["nights_help"])),
        mul(p["coef_personal"], total("personal_items")),
        mul(p["coef_daily_living"], total("daily_living_items")),
        mul(p["coef_community"], total("community_items")),
        own_home_term,
        age_term,
        setting_term,
        carer_term,
    )
    value = mul(root, root)  # transform: square
    t.update(
        personal=total("personal_items"),
        daily_living=total("daily_living_items"),
        community=total("community_items"),
        own_home_term=own_home_term,
        age_term=age_term,
        setting_term=setting_term,
        carer_term=carer_term,
        root_cost=root,
        squared=value,
    )
    s = RG_SETTINGS
    return finish(
        value, [], p["funding_scale"], num(s["floor"]), num(s["ceiling"]), s["rounding"], t
    )


# --------------------------------------------------------------------------------------------
# levels


def _lv(*scores):
    return opts("assessment_items", None, *scores)


LV_QUESTIONS = {
    "personal_care": _lv(0, 1, 3, 5) | {"outcome": "hygiene"},
    "using_toilet": _lv(0, 1, 3, 5) | {"outcome": "toilet"},
    "dressing": _lv(0, 1, 2, 4) | {"outcome": "clothing"},
    "eating_drinking": _lv(0, 1, 3, 5) | {"outcome": "nutrition"},
    "moving_about": _lv(0, 1, 3, 5) | {"outcome": "home_safety"},
    "staying_safe": _lv(0, 1, 3, 5) | {"outcome": "home_safety"},
    "nights": _lv(0, 2, 4, 6) | {"outcome": "home_safety"},
    "housework": _lv(0, 1, 2, 4) | {"outcome": "habitable_home"},
    "relationships_contact": _lv(0, 1, 2, 4) | {"outcome": "relationships"},
    "daytime_activity": _lv(0, 1, 2, 4) | {"outcome": "work_learning"},
    "getting_out": _lv(0, 1, 3, 5) | {"outcome": "community"},
    "looking_after_children": _lv(0, 0, 2, 4) | {"outcome": "caring_for_child"},
}
LV_PARAMETERS: dict = {}
LV_BANDS = {
    "level": [(None, 8, 1), (8, 18, 2), (18, 30, 3), (30, 42, 4), (42, None, 5)],
}
LV_TABLE = {
    # level: (own_home, family_home, supported_living, shared_lives), pounds a year
    1: ("3120", "2600", "2080", "1820"),
    2: ("7280", "6240", "5460", "4680"),
    3: ("13520", "11440", "10140", "8840"),
    4: ("22360", "19240", "17940", "15600"),
    5: ("33800", "29640.48", "27820.5", "24960"),
}
LV_SETTINGS = {
    "period": "annual",
    "rounding": "half_up",
    "transform": "none",
    "scale": None,
    "floor": None,
    "ceiling": None,
}


def levels(a, t):
    q = LV_QUESTIONS
    score = add(*(num(v["options"][a[k]]) for k, v in q.items() if v["group"] == "assessment_items"))
    level = band(LV_BANDS["level"], score)
    amount = num(LV_TABLE[int(level)][LIVING_SETTINGS.index(a["living_setting"])])
    t.update(assessment_score=score, level=level, level_amount=amount)
    return finish(amount, [], None, None, None, LV_SETTINGS["rounding"], t)


MODELS_BY_ID = {
    "points-price": (PP_QUESTIONS, PP_PARAMETERS, PP_BANDS, PP_SETTINGS, points_price),
    "regression": (RG_QUESTIONS, RG_PARAMETERS, RG_BANDS, RG_SETTINGS, regression),
    "levels": (LV_QUESTIONS, LV_PARAMETERS, LV_BANDS, LV_SETTINGS, levels),
}

# --------------------------------------------------------------------------------------------
# Answers: which inputs are refused


def _number_ok(x, low, high, integer) -> bool:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return False
    try:
        d = num(x)
    except ValueError:
        return False
    if integer and d != d.to_integral_value():
        return False
    return low <= d <= high


def refused_inputs(model_id, answers) -> list[str]:
    questions = MODELS_BY_ID[model_id][0]
    refused = []
    for qid, q in questions.items():
        if qid not in answers:
            refused.append(qid)
        elif "options" in q:
            x = answers[qid]
            if not isinstance(x, str) or x not in q["options"]:
                refused.append(qid)
        elif not _number_ok(answers[qid], *q["number"]):
            refused.append(qid)
    for aid, spec in ATTRIBUTES.items():
        x = answers.get(aid)
        if aid not in answers:
            refused.append(aid)
        elif spec[0] == "number" and not _number_ok(x, *spec[1:]):
            refused.append(aid)
        elif spec[0] == "category" and not (isinstance(x, str) and x in spec[1]):
            refused.append(aid)
        elif spec[0] == "yes_no" and not isinstance(x, bool):
            refused.append(aid)
    # An answer for an input the model does not have.
    refused += [k for k in answers if k not in questions and k not in ATTRIBUTES]
    return refused


def evaluate(model_id, answers, trace=None):
    """The amount in pence, or raises ValueError naming the refused inputs."""
    refused = refused_inputs(model_id, answers)
    if refused:
        raise ValueError(refused)
    return MODELS_BY_ID[model_id][4](answers, trace if trace is not None else {})


# --------------------------------------------------------------------------------------------
# The model files' data must match the copies above


def check_model_file(model_id) -> list[str]:
    questions, parameters, bands, settings, _ = MODELS_BY_ID[model_id]
    m = yaml.safe_load((MODELS / f"{model_id}.yaml").read_text())
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{model_id}.yaml: {what}: file has {got!r}, oracle has {want!r}")

    expect("format", m.get("format"), "selfdirect-ras/1")
    expect("id", m.get("id"), model_id)
    expect("version", m.get("version"), 1)
    expect("currency", m.get("currency"), "GBP")
    expect("period", m.get("period"), settings["period"])
    expect("rounding", m.get("rounding"), settings["rounding"])
    for key in ("effective_from", "title", "description", "score_word"):
        if not m.get(key):
            problems.append(f"{model_id}.yaml: {key} is missing")

    file_q = {q["id"]: q for q in m.get("questions", [])}
    expect("question ids", list(file_q), list(questions))
    for qid, q in questions.items():
        fq = file_q.get(qid)
        if fq is None:
            continue
        expect(f"{qid} group", fq.get("group"), q["group"])
        expect(f"{qid} outcome", fq.get("outcome"), q["outcome"])
        if "options" in q:
            got = {o["code"]: num(o["score"]) for o in fq.get("options", [])}
            expect(f"{qid} options", got, {k: num(v) for k, v in q["options"].items()})
            for o in fq.get("options", []):
                if set(o) != {"code", "text", "score"}:
                    problems.append(f"{model_id}.yaml: {qid} option {o} (a comma in a text?)")
        else:
            n = fq.get("number", {})
            expect(f"{qid} number", (n.get("min"), n.get("max"), n.get("integer")), q["number"])

    file_a = {x["id"]: x for x in m.get("attributes", [])}
    expect("attribute ids", list(file_a), list(ATTRIBUTES))
    for aid, spec in ATTRIBUTES.items():
        fa = file_a.get(aid, {})
        expect(f"{aid} type", fa.get("type"), spec[0])
        if spec[0] == "number":
            expect(f"{aid} range", (fa.get("min"), fa.get("max"), fa.get("integer")), spec[1:])
        if spec[0] == "category":
            values = fa.get("values", [])
            expect(f"{aid} values", [v["code"] for v in values], spec[1])
            for v in values:
                if set(v) != {"code", "text"}:
                    problems.append(f"{model_id}.yaml: {aid} value {v} (a comma in a text?)")

    file_p = {x["id"]: (num(x["value"]), bool(x.get("fit", False))) for x in m.get("parameters") or []}
    expect("parameters", file_p, {k: (num(v), fit) for k, (v, fit) in parameters.items()})

    file_b = {
        b["id"]: [(x.get("at_least"), x.get("below"), x["value"]) for x in b["bands"]]
        for b in m.get("bands") or []
    }
    expect("bands", file_b, bands)

    alloc = m["allocation"]
    expect("transform", alloc.get("transform", "none"), settings["transform"])
    for key in ("scale", "floor", "ceiling"):
        got = alloc.get(key, {}).get("value") if key in alloc else None
        want = settings[key]
        if key != "scale" and got is not None:
            got = num(got)
            want = num(want) if want is not None else None
        expect(key, got, want)

    if model_id == "levels":
        (table,) = m["tables"]
        expect("table keys", table["keys"], ["level", "living_setting"])
        got = {lv: tuple(num(row[s]) for s in LIVING_SETTINGS) for lv, row in table["values"].items()}
        expect("table", got, {lv: tuple(num(x) for x in row) for lv, row in LV_TABLE.items()})
    return problems


# --------------------------------------------------------------------------------------------


def fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def run_cases(model_id, verbose) -> int:
    failures = 0
    folder = CASES / model_id
    for path in sorted(folder.glob("*.yaml")):
        case = yaml.safe_load(path.read_text())
        name = f"{model_id}/{path.stem}"
        answers = case["answers"]
        trace: dict = {}
        try:
            pence = evaluate(model_id, answers, trace)
            got = ("amount_pence", pence)
            shown = f"{pence:>8} pence  (£{fmt(trace['pounds'])})"
        except ValueError as e:
            got = ("refused", sorted(e.args[0]))
            shown = f" refused: {', '.join(e.args[0])}"
        if "refused" in case:
            want = ("refused", sorted(case["refused"]))
        else:
            want = ("amount_pence", case.get("amount_pence"))
        ok = got == want
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:<50} {shown}")
        if not ok:
            print(f"       the case file expects {want[0]}: {want[1]}")
        if verbose and trace:
            print("       " + "; ".join(f"{k}={fmt(v)}" for k, v in trace.items()))
    return failures


def main(argv) -> int:
    verbose = "-v" in argv
    ids = [a for a in argv if not a.startswith("-")] or list(MODELS_BY_ID)
    failures = 0
    for model_id in ids:
        for problem in check_model_file(model_id):
            print(f"FAIL {problem}")
            failures += 1
        failures += run_cases(model_id, verbose)
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
