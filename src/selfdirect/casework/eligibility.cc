#include "selfdirect/casework/eligibility.h"

#include <fmt/format.h>

#include <algorithm>

namespace selfdirect::casework {
namespace {

constexpr OutcomeArea kAdult[] = {
    {"nutrition", "Managing and maintaining nutrition"},
    {"hygiene", "Maintaining personal hygiene"},
    {"toilet", "Managing toilet needs"},
    {"clothing", "Being appropriately clothed"},
    {"home_safety", "Being able to make use of the home safely"},
    {"habitable_home", "Maintaining a habitable home environment"},
    {"relationships", "Developing and maintaining family or other personal relationships"},
    {"work_learning", "Accessing and engaging in work, training, education or volunteering"},
    {"community", "Making use of necessary facilities or services in the local community"},
    {"caring_for_child", "Carrying out any caring responsibilities for a child"},
};

constexpr OutcomeArea kCarer[] = {
    {"caring_for_child", "Carrying out any caring responsibilities for a child"},
    {"caring_for_others", "Providing care to other persons for whom the carer provides care"},
    {"habitable_home", "Maintaining a habitable home environment"},
    {"nutrition", "Managing and maintaining nutrition"},
    {"relationships", "Developing and maintaining family or other personal relationships"},
    {"work_learning", "Engaging in work, training, education or volunteering"},
    {"community", "Making use of necessary facilities or services in the local community"},
    {"recreation", "Engaging in recreational activities"},
};

}  // namespace

std::span<const OutcomeArea> AdultOutcomes() { return kAdult; }
std::span<const OutcomeArea> CarerOutcomes() { return kCarer; }

const char* UnableReasonCode(UnableReason r) {
  switch (r) {
    case UnableReason::kWithoutAssistance:
      return "without_assistance";
    case UnableReason::kPainDistressAnxiety:
      return "pain_distress_anxiety";
    case UnableReason::kEndangersHealthSafety:
      return "endangers_health_safety";
    case UnableReason::kTakesSignificantlyLonger:
      return "takes_significantly_longer";
  }
  return "";
}

std::optional<UnableReason> ParseUnableReason(std::string_view code) {
  for (UnableReason r :
       {UnableReason::kWithoutAssistance, UnableReason::kPainDistressAnxiety,
        UnableReason::kEndangersHealthSafety, UnableReason::kTakesSignificantlyLonger}) {
    if (code == UnableReasonCode(r)) return r;
  }
  return std::nullopt;
}

const char* UnableReasonLabel(UnableReason r) {
  switch (r) {
    case UnableReason::kWithoutAssistance:
      return "Unable without help";
    case UnableReason::kPainDistressAnxiety:
      return "Able, but only with significant pain, distress or anxiety";
    case UnableReason::kEndangersHealthSafety:
      return "Able, but it puts their or others' health or safety at risk";
    case UnableReason::kTakesSignificantlyLonger:
      return "Able, but it takes significantly longer than it should";
  }
  return "";
}

const char* DeterminationKindName(DeterminationKind kind) {
  return kind == DeterminationKind::kAdult ? "adult" : "carer";
}

Result<Determination> Determine(const NewDetermination& r) {
  std::vector<FieldError> errors;
  Determination d;
  if (r.kind == "adult") {
    d.kind = DeterminationKind::kAdult;
  } else if (r.kind == "carer") {
    d.kind = DeterminationKind::kCarer;
  } else {
    errors.push_back({"kind", "Choose whether this is for the adult or for a carer"});
  }
  const bool adult = d.kind == DeterminationKind::kAdult;
  if (!r.needs_arise_from_condition) {
    errors.push_back({"needs_arise_from_condition",
                      adult ? "Say whether the needs arise from a physical or mental impairment "
                              "or illness"
                            : "Say whether the needs arise from providing necessary care"});
  }
  if (!adult && !r.health_deteriorating) {
    errors.push_back({"health_deteriorating",
                      "Say whether the carer's physical or mental health is, or is at risk of, "
                      "deteriorating"});
  }
  if (!r.significant_impact_on_wellbeing) {
    errors.push_back({"significant_impact_on_wellbeing",
                      "Say whether there is, or is likely to be, a significant impact on "
                      "wellbeing"});
  }
  const auto areas = adult ? AdultOutcomes() : CarerOutcomes();
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const OutcomeFinding& f = r.outcomes[i];
    const std::string field = fmt::format("outcomes.{}", f.outcome);
    if (std::none_of(areas.begin(), areas.end(),
                     [&](const OutcomeArea& a) { return f.outcome == a.code; })) {
      errors.push_back(
          {fmt::format("outcomes[{}]", i), fmt::format("\"{}\" is not one of the outcomes for {}",
                                                       f.outcome, adult ? "an adult" : "a carer")});
      continue;
    }
    if (std::count_if(r.outcomes.begin(), r.outcomes.end(),
                      [&](const OutcomeFinding& o) { return o.outcome == f.outcome; }) > 1) {
      errors.push_back({field, "This outcome is recorded twice"});
      continue;
    }
    if (!f.achieved && !f.reason) {
      errors.push_back({field, "Say which way the person is unable to achieve this"});
    }
    if (f.notes.size() > 2000) errors.push_back({field, "Notes must be 2,000 characters or fewer"});
  }
  for (const OutcomeArea& a : areas) {
    if (std::none_of(r.outcomes.begin(), r.outcomes.end(),
                     [&](const OutcomeFinding& o) { return o.outcome == a.code; })) {
      errors.push_back({fmt::format("outcomes.{}", a.code),
                        fmt::format("Record whether \"{}\" is achieved", a.label)});
    }
  }
  if (r.summary.size() > 5000) errors.push_back({"summary", "Must be 5,000 characters or fewer"});
  if (!errors.empty()) return FailFields(std::move(errors));

  d.needs_arise_from_condition = *r.needs_arise_from_condition;
  d.health_deteriorating = adult ? false : *r.health_deteriorating;
  d.significant_impact_on_wellbeing = *r.significant_impact_on_wellbeing;
  d.wellbeing_notes = r.wellbeing_notes;
  d.summary = r.summary;
  // Keep the regulation's order.
  for (const OutcomeArea& a : areas) {
    auto it = std::find_if(r.outcomes.begin(), r.outcomes.end(),
                           [&](const OutcomeFinding& o) { return o.outcome == a.code; });
    OutcomeFinding f = *it;
    if (f.achieved) f.reason.reset();
    d.outcomes.push_back(std::move(f));
  }
  const auto unable = std::count_if(d.outcomes.begin(), d.outcomes.end(),
                                    [](const OutcomeFinding& o) { return !o.achieved; });
  if (adult) {
    d.eligible = d.needs_arise_from_condition && unable >= 2 && d.significant_impact_on_wellbeing;
    if (!d.needs_arise_from_condition) {
      d.reasoning =
          "Not eligible: the needs do not arise from a physical or mental impairment or "
          "illness.";
    } else if (unable < 2) {
      d.reasoning = fmt::format(
          "Not eligible: the person is unable to achieve {} of the ten "
          "outcomes; the regulations need two or more.",
          unable);
    } else if (!d.significant_impact_on_wellbeing) {
      d.reasoning = fmt::format(
          "Not eligible: the person is unable to achieve {} outcomes, but "
          "there is not a significant impact on their wellbeing.",
          unable);
    } else {
      d.reasoning = fmt::format(
          "Eligible: the needs arise from an impairment or illness; the "
          "person is unable to achieve {} of the ten outcomes; and there is "
          "a significant impact on their wellbeing.",
          unable);
    }
  } else {
    const bool affected = d.health_deteriorating || unable >= 1;
    d.eligible = d.needs_arise_from_condition && affected && d.significant_impact_on_wellbeing;
    if (!d.needs_arise_from_condition) {
      d.reasoning = "Not eligible: the needs do not arise from providing necessary care.";
    } else if (!affected) {
      d.reasoning =
          "Not eligible: the carer's health is not at risk and they can achieve every "
          "outcome.";
    } else if (!d.significant_impact_on_wellbeing) {
      d.reasoning = "Not eligible: there is not a significant impact on the carer's wellbeing.";
    } else {
      d.reasoning = d.health_deteriorating
                        ? "Eligible: caring puts the carer's health at risk, with a significant "
                          "impact on their wellbeing."
                        : fmt::format(
                              "Eligible: the carer is unable to achieve {} outcome{}, with "
                              "a significant impact on their wellbeing.",
                              unable, unable == 1 ? "" : "s");
    }
  }
  return d;
}

}  // namespace selfdirect::casework
