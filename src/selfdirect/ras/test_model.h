// A small model used by the ras tests: every construct of the language at least once.
#pragma once

namespace selfdirect::ras::testing {

inline constexpr const char* kSmallModel = R"(format: selfdirect-ras/1
id: small
version: 1
effective_from: 2026-04-01
currency: GBP
period: weekly
rounding: half_up
title: A small test model
description: Tests every construct.
questions:
  - id: washing
    outcome: hygiene
    group: personal_care
    text: Getting washed
    options:
      - {code: a, text: I can do this myself, score: 0}
      - {code: b, text: I need some help, score: 4}
      - {code: c, text: I need help with all of it every day, score: 10}
  - id: dressing
    outcome: clothing
    group: personal_care
    text: Getting dressed
    options:
      - {code: a, text: I can do this myself, score: 0}
      - {code: b, text: I need help with most of this every day, score: 12}
  - id: going_out
    outcome: community
    text: Going out
    options:
      - {code: a, text: I go out on my own, score: 0}
      - {code: b, text: I need someone with me, score: 7.5}
  - id: nights
    outcome: home_safety
    text: On how many nights a week do you need someone with you?
    number: {min: 0, max: 7, integer: true}
attributes:
  - {id: age, label: Age, type: number, min: 18, max: 120, integer: true}
  - id: living_setting
    label: Where you live
    type: category
    values:
      - {code: own_home, text: In your own home}
      - {code: supported_living, text: In supported living}
      - {code: residential, text: In a care home}
  - {id: has_unpaid_carer, label: Someone in your family helps without being paid, type: yes_no}
parameters:
  - {id: price_per_point, label: Price per point, value: 5.10, fit: true}
  - {id: night_rate, label: Price of a night, value: 20, fit: true}
derived:
  - id: care_points
    label: Personal care
    value: min(total(personal_care), 20)
  - id: carer_factor
    label: Share of needs not met by family
    value: if has_unpaid_carer and age < 80 then 0.75 else 1
  - id: setting_factor
    label: Where you live
    value: 'match living_setting { "own_home": 1, "supported_living": 0.8, else: 0.5 }'
  - id: needs_points
    label: Points for your needs
    value: (care_points + going_out) * carer_factor
bands:
  - id: upper_band
    label: Extra for very high needs
    of: needs_points
    bands:
      - {below: 20, value: 0, label: No extra}
      - {at_least: 20, below: 25, value: 30, label: Upper band 1}
      - {at_least: 25, value: 60, label: Upper band 2}
tables:
  - id: setting_extra
    label: Extra for where you live
    keys: [living_setting]
    values: {own_home: 0, supported_living: 12.5, residential: 0}
allocation:
  value: needs_points * price_per_point * setting_factor + nights * night_rate + setting_extra
  add_ons:
    - {id: upper_band_extra, label: Extra for very high needs, value: upper_band}
  floor: {value: 25, label: Minimum budget}
  ceiling: {value: 400, label: Most the questionnaire gives}
examples:
  - description: High needs in supported living, with family help
    answers: {washing: c, dressing: b, going_out: b, nights: 2, age: 45,
              living_setting: supported_living, has_unpaid_carer: yes}
    amount_pence: 16665
)";

}  // namespace selfdirect::ras::testing
