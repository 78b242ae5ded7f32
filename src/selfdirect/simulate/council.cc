#include "selfdirect/simulate/council.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <span>
#include <string_view>

#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/simulate/distributions.h"
#include "selfdirect/simulate/names.h"

namespace selfdirect::simulate {
namespace {

using casework::OutcomeFinding;
using casework::UnableReason;

// The ten Care Act outcomes in the order NeedProfile::outcome_weight lists them.
constexpr std::string_view kOutcomeOrder[] = {
    "nutrition",      "hygiene",       "toilet",        "clothing",  "home_safety",
    "habitable_home", "relationships", "work_learning", "community", "caring_for_child"};

int OutcomeIndex(std::string_view outcome) {
  for (std::size_t i = 0; i < std::size(kOutcomeOrder); ++i) {
    if (kOutcomeOrder[i] == outcome) return static_cast<int>(i);
  }
  return -1;
}

const NeedProfile& ProfileOf(std::string_view ras_reason) {
  for (const NeedProfile& p : kNeedProfiles) {
    if (p.reason == ras_reason) return p;
  }
  return kNeedProfiles[0];
}

// The RAS models' support_reason category for a Client Level Data primary support reason.
std::string_view RasReasonOf(std::string_view reason) {
  if (reason.starts_with("physical_")) return "physical_support";
  if (reason.starts_with("sensory_")) return "sensory_support";
  if (reason == "memory_cognition") return "memory_cognition";
  if (reason == "learning_disability") return "learning_disability";
  if (reason == "mental_health") return "mental_health";
  return "social_support";
}

// The RAS models' living_setting category for an accommodation code.
std::string_view LivingSettingOf(std::string_view accommodation) {
  if (accommodation == "with_family") return "family_home";
  if (accommodation == "supported_accommodation") return "supported_living";
  if (accommodation == "shared_lives") return "shared_lives";
  return "own_home";
}

std::string_view Code(Random& random, std::span<const Weighted> table) {
  return table[Choose(random, table)].code;
}

const AgeBand& ChooseBand(Random& random, std::span<const AgeBand> bands) {
  std::int64_t total = 0;
  for (const AgeBand& b : bands) total += b.weight;
  auto pick = static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(total)));
  for (const AgeBand& b : bands) {
    if (pick < b.weight) return b;
    pick -= b.weight;
  }
  return bands.back();
}

std::int64_t WeightOf(std::span<const Weighted> table, std::string_view code) {
  for (const Weighted& row : table) {
    if (row.code == code) return row.weight;
  }
  return 0;
}

// A moment on `day` during working hours (09:00 to 16:59), to the minute.
Timestamp DuringTheDay(Random& random, Date day) {
  return Timestamp{date::sys_days{day}.time_since_epoch()} + std::chrono::hours{9} +
         std::chrono::minutes{random.Between(0, 8 * 60 - 1)};
}

// `from`'s day plus a number of days from `range`, at a time of day.
Timestamp Later(Random& random, Timestamp from, const DayRange& range) {
  return DuringTheDay(
      random, AddDays(DayOf(from), static_cast<int>(random.Between(range.low, range.high))));
}

// The next NHS number in the 999 range (999 000 000 0 to 999 999 999 9, reserved for testing)
// with a valid check digit, counting on from `next`; "" once the range is used up (after
// about 909,000 people: a tenth of the nine-digit stems have no valid check digit).
std::string NextNhsNumber(std::int64_t& next) {
  while (next < 1'000'000) {
    const std::string nine = fmt::format("999{:06}", next++);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (nine[static_cast<std::size_t>(i)] - '0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10) continue;  // no valid number with this stem
    return nine + static_cast<char>('0' + (check == 11 ? 0 : check));
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Stage: people.

void GeneratePeople(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "people");
  council.people.resize(static_cast<std::size_t>(options.people));
  std::int64_t nhs_stem = 0;
  for (std::int64_t i = 0; i < options.people; ++i) {
    SyntheticPerson& p = council.people[static_cast<std::size_t>(i)];
    p.index = i;
    const bool older = Code(random, kAgeGroup) == "65+";
    const AgeBand& band = ChooseBand(random, older ? std::span<const AgeBand>(kAgeBands65Plus)
                                                   : std::span<const AgeBand>(kAgeBands18to64));
    p.age = static_cast<int>(random.Between(band.low, band.high));
    // Born `age` years and up to 364 days before the as-of date.
    const Date birthday = AddMonths(options.as_of, -12 * p.age);
    const Date born = AddDays(birthday, -static_cast<int>(random.Between(1, 364)));
    casework::NewPerson& n = p.person;
    n.date_of_birth = FormatIsoDate(born);
    n.gender = Code(random, older ? std::span<const Weighted>(kGender65Plus) : kGender18to64);
    n.ethnicity = Code(random, kEthnicity);
    n.primary_support_reason = Code(
        random, older ? std::span<const Weighted>(kSupportReason65Plus) : kSupportReason18to64);
    p.ras_support_reason = RasReasonOf(n.primary_support_reason);
    const bool learning_disability = n.primary_support_reason == "learning_disability";
    n.accommodation = Code(random, learning_disability
                                       ? std::span<const Weighted>(kAccommodationLearningDisability)
                                   : older ? std::span<const Weighted>(kAccommodation65Plus)
                                           : std::span<const Weighted>(kAccommodation18to64));
    p.living_setting = LivingSettingOf(n.accommodation);
    n.has_unpaid_carer =
        random.PerMille(WeightOf(kUnpaidCarerPerMille, p.living_setting)) ? "yes" : "no";
    n.employment =
        Code(random, older ? std::span<const Weighted>(kEmployment65Plus) : kEmployment18to64);
    const NeedProfile& profile = ProfileOf(p.ras_support_reason);
    const std::int64_t spread = profile.spread;
    p.need = static_cast<int>(std::clamp<std::int64_t>(
        profile.centre + (random.Between(-spread, spread) + random.Between(-spread, spread)) / 2 +
            (p.age >= 85 ? 60 : 0),
        0, 1000));
    const Names names = NameFor(random, n.gender, n.ethnicity, p.age);
    n.given_name = names.given;
    n.family_name = names.family;
    const Address address = AddressFor(random);
    n.address = address.lines;
    n.postcode = address.postcode;
    if (random.PerMille(700)) n.phone = fmt::format("01632 {:06}", 960000 + random.Below(1000));
    n.nhs_number = NextNhsNumber(nhs_stem);
    n.communication.easy_read = learning_disability && random.PerMille(450);
    n.communication.large_print =
        n.primary_support_reason == "sensory_visual" ? random.PerMille(600) : random.PerMille(20);
    if (n.ethnicity != "A" && n.ethnicity != "B" && n.ethnicity != "Z" && random.PerMille(60)) {
      n.communication.interpreter_language = InterpreterLanguage(random, n.ethnicity);
    }
    if (n.primary_support_reason == "sensory_hearing" && random.PerMille(400)) {
      n.communication.other = "Uses British Sign Language; book a BSL interpreter for visits";
    }
    p.team = random.PerMille(500) ? "north" : "south";
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: contacts.

constexpr std::string_view kAskedFor[] = {
    "Help at home after a fall",
    "Help with getting washed and dressed",
    "Support to live more independently",
    "A break for the family who care for them",
    "Help to get out and see people",
    "Support with meals and medicines",
    "Help with day-to-day things after coming out of hospital",
    "Something to do in the day and to meet people",
};

void GenerateContacts(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "contacts");
  const Date first_day = DayOf(council.start);
  const int days = DaysBetween(first_day, last_day);
  for (SyntheticPerson& p : council.people) {
    SyntheticContact& c = p.contact;
    c.at = DuringTheDay(random, AddDays(first_day, static_cast<int>(random.Between(0, days))));
    c.route_of_access = Code(random, p.age <= 24  ? std::span<const Weighted>(kRoute18to24)
                                     : p.age < 65 ? std::span<const Weighted>(kRoute25to64)
                                                  : std::span<const Weighted>(kRoute65Plus));
    c.asked_for = kAskedFor[random.Below(std::size(kAskedFor))];
    c.outcome = Code(random, kContactOutcome);
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: eligibility.

// How strongly one outcome shows for the person (per mille, may be below 0 or above 1,000).
int Intensity(Random& random, const SyntheticPerson& p, int outcome_index, int noise) {
  const int weight =
      outcome_index < 0 ? 50 : ProfileOf(p.ras_support_reason).outcome_weight[outcome_index];
  return p.need * weight / 100 + static_cast<int>(random.Between(-noise, noise));
}

constexpr std::string_view kSummaries[] = {
    "Needs help every day; without it their health and safety are at risk.",
    "Cannot manage several everyday things without help, and it is wearing them down.",
    "Struggles with most daily tasks and is becoming isolated.",
    "Manages some things with family help, but not safely on their own.",
};

void GenerateEligibility(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "eligibility");
  for (SyntheticPerson& p : council.people) {
    if (p.contact.outcome != "to_assessment") continue;
    const Timestamp at = Later(random, p.contact.at, kDaysToEligibility);
    const bool eligible = random.PerMille(kEligiblePerMille);
    casework::NewDetermination d;
    d.kind = "adult";
    d.needs_arise_from_condition = true;
    std::vector<std::pair<int, std::size_t>> by_intensity;
    for (const casework::OutcomeArea& area : casework::AdultOutcomes()) {
      const int intensity = Intensity(random, p, OutcomeIndex(area.code), 150);
      OutcomeFinding f{area.code, intensity < 350, std::nullopt, ""};
      if (!f.achieved) {
        f.reason = intensity > 600        ? UnableReason::kWithoutAssistance
                   : random.PerMille(400) ? UnableReason::kEndangersHealthSafety
                   : random.PerMille(500) ? UnableReason::kPainDistressAnxiety
                                          : UnableReason::kTakesSignificantlyLonger;
      }
      by_intensity.emplace_back(intensity, d.outcomes.size());
      d.outcomes.push_back(std::move(f));
    }
    if (eligible) {
      // At least two outcomes not achieved: the two the person finds hardest.
      std::stable_sort(by_intensity.begin(), by_intensity.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (int k = 0; k < 2; ++k) {
        OutcomeFinding& f = d.outcomes[by_intensity[static_cast<std::size_t>(k)].second];
        if (f.achieved) {
          f.achieved = false;
          f.reason = UnableReason::kWithoutAssistance;
        }
      }
      d.significant_impact_on_wellbeing = true;
      d.wellbeing_notes = "Their wellbeing is significantly affected: " +
                          std::string(kSummaries[random.Below(std::size(kSummaries))]);
      d.summary = "Eligible needs: a personal budget will be worked out.";
    } else {
      d.significant_impact_on_wellbeing = false;
      d.wellbeing_notes =
          "They manage with the help they have; the impact on their wellbeing "
          "is not significant.";
      d.summary = "No eligible needs at present. Information and advice given.";
    }
    if (DayOf(at) > last_day) continue;  // not decided yet by the as-of date
    auto decided = casework::Determine(d);
    p.eligibility = SyntheticEligibility{at, std::move(d), decided && decided->eligible};
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: assessments.

// The answer to one question, from the person's need in its outcome.
Result<ras::RawAnswer> AnswerQuestion(Random& random, const SyntheticPerson& p,
                                      const ras::Question& q) {
  using K = ras::RawAnswer::Kind;
  const int outcome = OutcomeIndex(q.outcome);
  if (q.is_number) {
    // Nights a week someone is needed, or any other count: from the need to be kept safe.
    const int intensity =
        Intensity(random, p, outcome < 0 ? OutcomeIndex("home_safety") : outcome, 250);
    const std::int64_t low = q.min / 1'000'000;
    const std::int64_t high = q.max / 1'000'000;
    const std::int64_t value =
        std::clamp<std::int64_t>((intensity - 450) * (high + 1) / 550, low, high);
    return ras::RawAnswer{K::kNumber, std::to_string(value), false};
  }
  const auto n = static_cast<int>(q.options.size());
  if (n == 0) return Fail(ErrorCode::kInvalidArgument, "Question " + q.id + " has no options");
  int index = 0;
  if (q.outcome.empty() && q.id.find("carer") != std::string::npos) {
    // How much unpaid help there is: none without a carer; more when they live with family.
    if (p.person.has_unpaid_carer == "yes" && n > 1) {
      const int most = p.living_setting == "family_home" ? n - 1 : std::max(1, n - 2);
      index = static_cast<int>(random.Between(1, most));
    }
  } else if (q.outcome == "caring_for_child" && (p.age >= 60 || !random.PerMille(80))) {
    index = 0;  // no children to care for
  } else {
    const int intensity = Intensity(random, p, outcome, 250);
    index = std::clamp(intensity * n / 1000, 0, n - 1);
  }
  return ras::RawAnswer{K::kText, q.options[static_cast<std::size_t>(index)].code, false};
}

Result<ras::RawAnswer> AnswerAttribute(const SyntheticPerson& p, const ras::Attribute& a) {
  using K = ras::RawAnswer::Kind;
  auto category = [&](const std::string& code) -> Result<ras::RawAnswer> {
    if (a.type != ras::AttributeType::kCategory ||
        std::none_of(a.values.begin(), a.values.end(),
                     [&](const ras::CategoryValue& v) { return v.code == code; })) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("The demo council cannot answer the model's attribute {}: it must "
                              "be a category with the value {}",
                              a.id, code));
    }
    return ras::RawAnswer{K::kText, code, false};
  };
  if (a.id == "age" && a.type == ras::AttributeType::kNumber) {
    const std::int64_t age = std::clamp<std::int64_t>(p.age, a.min / 1'000'000, a.max / 1'000'000);
    return ras::RawAnswer{K::kNumber, std::to_string(age), false};
  }
  if (a.id == "has_unpaid_carer" && a.type == ras::AttributeType::kYesNo) {
    return ras::RawAnswer{K::kYesNo, "", p.person.has_unpaid_carer == "yes"};
  }
  if (a.id == "living_setting") return category(p.living_setting);
  if (a.id == "support_reason") return category(p.ras_support_reason);
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("The demo council cannot answer the model's attribute {}: it knows "
                          "age, living_setting, has_unpaid_carer and support_reason",
                          a.id));
}

Status GenerateAssessments(const ras::Model& model, const CouncilOptions& options,
                           SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "assessments");
  const ras::Program program = ras::Compile(model);
  ras::Evaluator evaluator(program);
  for (SyntheticPerson& p : council.people) {
    if (!p.eligibility || !p.eligibility->eligible) continue;
    SyntheticAssessment a;
    a.at = Later(random, p.eligibility->at, kDaysToAssessment);
    a.completed_by = Code(random, kCompletedBy);
    a.answers.reserve(model.questions.size() + model.attributes.size());
    for (const ras::Question& q : model.questions) {
      auto answer = AnswerQuestion(random, p, q);
      if (!answer) return tl::unexpected(answer.error());
      a.answers.emplace_back(q.id, std::move(*answer));
    }
    for (const ras::Attribute& attribute : model.attributes) {
      auto answer = AnswerAttribute(p, attribute);
      if (!answer) return tl::unexpected(answer.error());
      a.answers.emplace_back(attribute.id, std::move(*answer));
    }
    if (DayOf(a.at) > last_day) continue;
    auto inputs = ras::ValidateAnswers(model, a.answers);
    if (!inputs) {
      return Fail(ErrorCode::kInternal,
                  "The demo council's answers do not fit the model: " + inputs.error().message);
    }
    const auto outcome = evaluator.Run(inputs->data());
    if (!outcome.ok) {
      return Fail(ErrorCode::kInternal, "The model could not be worked out for a demo person");
    }
    a.amount_pence = outcome.pence;
    if (model.period == ras::Period::kAnnual) {
      a.indicative_annual = Pence(outcome.pence);
    } else {
      auto annual = ConvertPeriod(Pence(outcome.pence), Period::kWeekly, Period::kAnnual,
                                  options.weeks_per_year);
      if (!annual) return tl::unexpected(annual.error());
      a.indicative_annual = *annual;
    }
    p.assessment = std::move(a);
  }
  return Ok();
}

// ---------------------------------------------------------------------------------------------
// Stage: plans.

// One kind of thing a plan may buy.
struct ItemKind {
  std::string_view what;
  std::string_view unit;
  std::int64_t provider_price;  // pence a unit from a provider
  std::int64_t pa_price;        // pence an hour from a personal assistant; 0: no PA option
  bool care_service;            // false: not a care service (a gym, a class)
};

// The main hourly support, by the RAS support reason's family.
constexpr ItemKind kPersonalCare{"Help to get up, washed and dressed, and to bed at night", "hour",
                                 2460, 1680, true};
constexpr ItemKind kLivingSupport{
    "Support to live in my own home: cooking, money and getting about", "hour", 2140, 1590, true};
constexpr ItemKind kOutAndAbout{"A support worker to get out and keep on top of day-to-day things",
                                "hour", 2310, 1620, true};
constexpr ItemKind kDayCentre{"A day at the day centre, with lunch", "day", 6200, 0, true};
constexpr ItemKind kDayOpportunities{"Day opportunities with friends", "day", 6800, 0, true};
constexpr ItemKind kPeerGroup{"Peer support group", "session", 1800, 0, true};
constexpr ItemKind kAlarm{"Pendant alarm and response service", "week", 525, 0, true};
constexpr ItemKind kRespite{"A week's respite break", "week", 91000, 0, true};
constexpr ItemKind kGym{"A gym membership", "year", 36000, 0, false};
constexpr ItemKind kArtClass{"Art class at the community centre", "session", 1250, 0, false};
constexpr ItemKind kChair{"A riser-recliner chair", "item", 45000, 0, true};

constexpr std::string_view kHomeCareProviders[] = {"Riverside Home Care",
                                                   "Brightwater Care at Home", "Oakfield Homecare"};
constexpr std::string_view kSupportProviders[] = {"Castle Supported Living", "Pathways Support",
                                                  "Open Door Recovery", "Northgate Support"};
constexpr std::string_view kHarbourLights = "Harbour Lights Day Service";

// Where an older person's days out are: the shares move from kDayServiceBefore to
// kDayServiceAfter over the kDeclineMonths before the as-of date.
ServiceRef DayServiceFor(Random& random, const std::vector<SyntheticProvider>& market,
                         Timestamp when, Date as_of) {
  const Date decline_starts = AddMonths(as_of, -kDeclineMonths);
  const std::int64_t span = DaysBetween(decline_starts, as_of);
  const std::int64_t into =
      std::clamp<std::int64_t>(DaysBetween(decline_starts, DayOf(when)), 0, span);
  auto between = [&](std::int64_t before, std::int64_t after) {
    return before + (after - before) * into / span;
  };
  const Weighted shares[] = {
      {kDecliningProvider,
       between(kDayServiceBefore.day_centre_millbrook, kDayServiceAfter.day_centre_millbrook)},
      {kHarbourLights,
       between(kDayServiceBefore.day_centre_harbour, kDayServiceAfter.day_centre_harbour)},
      {kCommunityHub, between(kDayServiceBefore.community_hub, kDayServiceAfter.community_hub)}};
  const std::string_view provider = Code(random, shares);
  return FindService(market, provider,
                     provider == kCommunityHub ? kServiceLunchClub : kServiceDayCentre);
}

// The kind of support (market::ServiceTypeName) of a directory service.
std::string TypeOf(const std::vector<SyntheticProvider>& market, ServiceRef ref) {
  if (!ref.found()) return "";
  return market[static_cast<std::size_t>(ref.provider)]
      .services[static_cast<std::size_t>(ref.service)]
      .service_type;
}

Pence PriceOf(const std::vector<SyntheticProvider>& market, ServiceRef ref) {
  return market[static_cast<std::size_t>(ref.provider)]
      .prices[static_cast<std::size_t>(ref.service)];
}

std::string Pounds(std::int64_t pence) { return fmt::format("{}.{:02}", pence / 100, pence % 100); }

std::string Quantity(std::int64_t hundredths) {
  return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

struct Outcomes {
  std::string_view care, daily, social;
};
constexpr Outcomes kPhysicalOutcomes{
    "I want to get up, washed and dressed at a time that suits me",
    "I want to stay in my own home and feel safe there",
    "I want to get to the lunch club on Thursdays and see my friends"};
constexpr Outcomes kLearningDisabilityOutcomes{"I want to cook my own tea and look after my flat",
                                               "I want to learn to get the bus on my own",
                                               "I want to go to college and see my friends more"};
constexpr Outcomes kMentalHealthOutcomes{
    "I want to keep on top of my bills and my flat", "I want to get out of the house most days",
    "I want to meet people who understand what I am going through"};

const Outcomes& OutcomesFor(std::string_view ras_reason) {
  if (ras_reason == "learning_disability") return kLearningDisabilityOutcomes;
  if (ras_reason == "mental_health" || ras_reason == "social_support") return kMentalHealthOutcomes;
  return kPhysicalOutcomes;
}

constexpr std::string_view kEmergencies[] = {
    "My daughter has a key and lives ten minutes away; she will come.",
    "The provider's on-call manager covers a missed visit within two hours.",
    "My neighbour checks on me, and I have a pendant alarm.",
    "My brother will stay with me until help is arranged.",
};

constexpr std::pair<std::string_view, std::string_view> kRisks[] = {
    {"I might fall when I get up at night", "A sensor light and a commode by the bed"},
    {"I might miss my tablets", "A blister pack and a reminder on my phone"},
    {"I may get lost on the bus", "I carry a card with my address and my support worker's number"},
    {"My assistant might be off sick", "A second assistant I know covers, and the agency backs up"},
};

// Words for a difference between the signed-off and the indicative budget, by category.
std::string VarianceWords(Random& random, std::string_view category, const std::string& name) {
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"model_too_low",
       "The questionnaire does not count the two-person help {} needs to move safely."},
      {"model_too_low",
       "{} needs someone awake at night more often than the questionnaire allows."},
      {"market_prices",
       "Care for {} costs more here than the model's price: the only agency that "
       "covers the village charges more an hour."},
      {"market_prices", "{} chose a specialist provider whose hourly rate is above the usual."},
      {"needs_changed",
       "{}'s needs changed after a stay in hospital, between the assessment and "
       "the plan."},
      {"needs_changed", "{} now needs help with meals as well, since the assessment."},
      {"unpaid_support_changed",
       "{}'s family can give less help than they did when the "
       "questionnaire was filled in."},
      {"unpaid_support_changed", "{}'s sister now helps on weekends, so less paid help is needed."},
      {"model_too_high", "The plan meets {}'s outcomes for less than the questionnaire gave."},
      {"persons_choice", "{} chose to keep some help from friends and asked for less."},
      {"persons_choice", "{} wanted a smaller plan for now and will ask again at review."},
      {"other", "Agreed at panel for {}: see the case notes."},
  };
  std::vector<std::string_view> matching;
  for (const auto& [code, words] : kWords) {
    if (code == category) matching.push_back(words);
  }
  if (matching.empty()) return fmt::format("The budget for {} was agreed at sign-off.", name);
  return fmt::format(fmt::runtime(matching[random.Below(matching.size())]), name);
}

constexpr std::string_view kReturnComments[] = {
    "Please say how the plan keeps them safe at night.",
    "Please add what happens if the assistant is off sick.",
    "The hours do not match the outcomes; please check them with the person.",
    "Please record who helped write the plan.",
};

// The budget the plan is written to: the indicative budget moved by a band of difference.
void ChooseBudget(Random& random, const SyntheticPerson& p, Pence indicative, SyntheticPlan& plan) {
  std::int64_t total = 0;
  for (const VarianceBand& b : kVarianceBands) total += b.weight;
  auto pick = static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(total)));
  const VarianceBand* band = &kVarianceBands[0];
  for (const VarianceBand& b : kVarianceBands) {
    if (pick < b.weight) {
      band = &b;
      break;
    }
    pick -= b.weight;
  }
  const bool up = random.PerMille(p.ras_support_reason == "learning_disability"
                                      ? kVarianceUpPerMilleLearningDisability
                                      : kVarianceUpPerMille);
  const std::int64_t per_mille = random.Between(band->low_per_mille, band->high_per_mille);
  const std::string category =
      std::string(Code(random, up ? std::span<const Weighted>(kVarianceReasonUp)
                                  : std::span<const Weighted>(kVarianceReasonDown)));
  std::int64_t difference = indicative.value() * per_mille / 1000;
  difference = (difference + 50) / 100 * 100;  // to the whole pound
  std::int64_t actual = indicative.value() + (up ? difference : -difference);
  constexpr std::int64_t kLeast = 10'000;  // never below £100 a year
  if (actual < kLeast) actual = indicative.value();
  plan.actual_annual = Pence(actual);
  if (actual != indicative.value()) {
    plan.variance_category = category;
    plan.variance_words = VarianceWords(random, category, p.person.given_name);
  }
}

// Builds the plan's items to cost at most the budget: a main hourly item, perhaps days out, an
// alarm, a yearly purchase or a one-off, each with a route that fits the mechanism.
Status BuildItems(Random& random, const SyntheticPerson& p, const CouncilOptions& options,
                  const std::vector<SyntheticProvider>& market, SyntheticPlan& plan) {
  const std::string& reason = p.ras_support_reason;
  const bool ld = reason == "learning_disability";
  const bool mh = reason == "mental_health" || reason == "social_support";
  const ItemKind& main = ld ? kLivingSupport : mh ? kOutAndAbout : kPersonalCare;
  const ItemKind& days = ld ? kDayOpportunities : mh ? kPeerGroup : kDayCentre;
  const std::string& mechanism = plan.mechanism;
  const bool dp = mechanism == "dp";
  const bool mixed = mechanism == "dp_and_arranged";
  const char* arranged_route = mechanism == "managed" ? "managed_budget" : "council_arranged";

  const WeeksPerYear wpy = options.weeks_per_year;
  // The budget a week, rounded down (annual × denominator ÷ numerator).
  const std::int64_t weekly = plan.actual_annual.value() * wpy.denominator / wpy.numerator;
  std::int64_t left_weekly = weekly;

  casework::PlanRequest& r = plan.request;
  const Outcomes& words = OutcomesFor(reason);
  r.outcomes = {{"o1", std::string(words.care)}, {"o2", std::string(words.daily)}};
  const bool social_outcome = random.PerMille(700);
  if (social_outcome) r.outcomes.push_back({"o3", std::string(words.social)});

  // The main help: from a personal assistant (by direct payment) or a provider.
  const bool pa = dp && main.pa_price > 0 && random.PerMille(700);
  ServiceRef core_source;
  casework::PlanItemRequest core;
  core.what = std::string(main.what);
  core.unit = std::string(main.unit);
  core.frequency = "per_week";
  core.outcomes = {"o1", "o2"};
  if (pa) {
    core.supplier = "personal_assistant";
    core.supplier_name = std::string(AssistantName(random));
    core.unit_price = Pounds(main.pa_price);
    core.route = "direct_payment";
  } else {
    core.supplier = "provider";
    const auto& providers = (ld || mh) ? std::span<const std::string_view>(kSupportProviders)
                                       : std::span<const std::string_view>(kHomeCareProviders);
    core.supplier_name = std::string(providers[random.Below(providers.size())]);
    core.unit_price = Pounds(main.provider_price);
    core.route = dp ? "direct_payment" : arranged_route;
    core_source = FindService(market, core.supplier_name,
                              ld   ? kServiceSupportedLiving
                              : mh ? kServiceFloatingSupport
                                   : kServiceHomeCare);
    core.service_type = TypeOf(market, core_source);
  }
  const std::int64_t core_price = pa ? main.pa_price : main.provider_price;
  const std::int64_t core_share = random.Between(550, 800);  // per mille of the weekly budget
  std::int64_t core_quarters =
      std::max<std::int64_t>(1, weekly * core_share / 1000 * 4 / core_price);
  left_weekly -= core_quarters * core_price / 4;

  std::vector<casework::PlanItemRequest> extras;
  std::vector<ServiceRef> extra_sources;  // one for each extra
  auto add = [&](casework::PlanItemRequest item, ServiceRef source) {
    if (source.found()) item.service_type = TypeOf(market, source);
    extras.push_back(std::move(item));
    extra_sources.push_back(source);
  };
  auto route_for = [&](bool care_service) -> std::string {
    if (dp || mixed) return "direct_payment";  // a part direct payment buys the extras
    return care_service ? arranged_route : "";
  };
  // Days out or a group, a few a week: for older people at a day centre or the community hub.
  const ServiceRef day_source =
      (ld || mh)
          ? FindService(market, kSupportProviders[random.Below(std::size(kSupportProviders))],
                        ld ? kServiceDayOpportunities : kServicePeerGroup)
          : DayServiceFor(random, market, plan.started_at, options.as_of);
  const std::int64_t day_price = PriceOf(market, day_source).value();
  const bool at_hub =
      market[static_cast<std::size_t>(day_source.provider)].request.name == kCommunityHub;
  const std::int64_t sessions = std::min<std::int64_t>(5, left_weekly / day_price);
  if (sessions > 0 && random.PerMille(ld ? 700 : mh ? 500 : 350)) {
    add({at_hub ? "Lunch club and activities at the community hub" : std::string(days.what),
         "provider",
         market[static_cast<std::size_t>(day_source.provider)].request.name,
         std::string(days.unit),
         Pounds(day_price),
         Quantity(sessions * 100),
         "per_week",
         route_for(true),
         {social_outcome ? "o3" : "o2"}},
        day_source);
    left_weekly -= sessions * day_price;
  }
  if (!ld && !mh && p.age >= 65 && left_weekly >= kAlarm.provider_price && random.PerMille(300)) {
    add({std::string(kAlarm.what),
         "provider",
         "Careline Response",
         std::string(kAlarm.unit),
         Pounds(kAlarm.provider_price),
         "1.00",
         "per_week",
         route_for(true),
         {"o2"}},
        FindService(market, "Careline Response", kServiceAlarm));
    left_weekly -= kAlarm.provider_price;
  }
  std::int64_t left_yearly = left_weekly * wpy.numerator / wpy.denominator;
  // Something bought once a year, or once.
  if ((dp || mixed) && (ld || mh) && left_yearly >= kGym.provider_price && random.PerMille(400)) {
    const ItemKind& kind = ld ? kGym : kArtClass;
    if (ld) {
      add({std::string(kind.what),
           "not_a_care_service",
           "Leisure Centre",
           std::string(kind.unit),
           Pounds(kind.provider_price),
           "1.00",
           "per_year",
           "direct_payment",
           {social_outcome ? "o3" : "o2"}},
          {});
      extras.back().service_type = "community_activity";
      left_yearly -= kind.provider_price;
    } else if (left_weekly >= kind.provider_price) {
      add({std::string(kind.what),
           "not_a_care_service",
           "Community Arts",
           std::string(kind.unit),
           Pounds(kind.provider_price),
           "1.00",
           "per_week",
           "direct_payment",
           {social_outcome ? "o3" : "o2"}},
          {});
      extras.back().service_type = "community_activity";
      left_weekly -= kind.provider_price;
      left_yearly = left_weekly * wpy.numerator / wpy.denominator;
    }
  } else if (!ld && !mh && p.person.has_unpaid_carer == "yes" &&
             left_yearly >= kRespite.provider_price && random.PerMille(250)) {
    add({std::string(kRespite.what),
         "provider",
         "Elmwood Care Home",
         std::string(kRespite.unit),
         Pounds(kRespite.provider_price),
         "1.00",
         "per_year",
         route_for(true),
         {"o2"}},
        FindService(market, "Elmwood Care Home", kServiceRespite));
    // Respite is hard to find: some plans agree it with the place still to be chosen (the
    // commissioner's unmet demand).
    if (random.PerMille(kRespiteToBeChosenPerMille)) {
      extras.back().supplier = "to_be_chosen";
      extras.back().supplier_name = "";
      extras.back().service_type = "respite";
      extra_sources.back() = {};
    }
    left_yearly -= kRespite.provider_price;
  } else if (!ld && !mh && left_yearly >= kChair.provider_price && random.PerMille(60)) {
    add({std::string(kChair.what),
         "provider",
         "Mobility Store",
         std::string(kChair.unit),
         Pounds(kChair.provider_price),
         "1.00",
         "one_off",
         (dp || mixed) ? "direct_payment" : arranged_route,
         {"o1"}},
        FindService(market, "Mobility Store", kServiceRiserChair));
    left_yearly -= kChair.provider_price;
  }
  // A part direct payment must pay for something: the core is then council-arranged.
  const bool any_dp_extra = std::any_of(extras.begin(), extras.end(), [](const auto& item) {
    return item.route == "direct_payment";
  });
  if (mixed && !any_dp_extra) {
    // No extra to pay by direct payment: a personal assistant for part of the hours instead.
    const std::int64_t pa_quarters = std::max<std::int64_t>(1, core_quarters / 4);
    const std::int64_t moved = (pa_quarters * main.pa_price + core_price - 1) / core_price;
    core_quarters = std::max<std::int64_t>(1, core_quarters - moved);
    add({"A personal assistant for outings and shopping",
         "personal_assistant",
         std::string(AssistantName(random)),
         "hour",
         Pounds(main.pa_price),
         Quantity(pa_quarters * 25),
         "per_week",
         "direct_payment",
         {"o2"}},
        {});
  }
  if (mixed) core.route = "council_arranged";

  // Top the main help up with what is left, then trim it until the plan fits the budget.
  left_weekly = left_yearly * wpy.denominator / wpy.numerator;
  if (left_weekly > 0) core_quarters += left_weekly * 4 / core_price;
  for (;;) {
    core.quantity = Quantity(core_quarters * 25);
    r.items.clear();
    r.items.push_back(core);
    r.items.insert(r.items.end(), extras.begin(), extras.end());
    plan.sources.clear();
    plan.sources.push_back(core_source);
    plan.sources.insert(plan.sources.end(), extra_sources.begin(), extra_sources.end());
    auto content = casework::ValidatePlan(r);
    if (!content) {
      return Fail(ErrorCode::kInternal, "A demo plan was refused: " + content.error().message +
                                            (content.error().fields.empty()
                                                 ? ""
                                                 : " (" + content.error().fields[0].field + ": " +
                                                       content.error().fields[0].message + ")"));
    }
    auto cost = casework::CostOf(*content, wpy);
    if (!cost) return tl::unexpected(cost.error());
    plan.first_year_cost = cost->first_year();
    if (plan.first_year_cost <= plan.actual_annual || core_quarters <= 1) break;
    --core_quarters;
  }
  return Ok();
}

Status GeneratePlans(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "plans");
  for (SyntheticPerson& p : council.people) {
    if (!p.assessment) continue;
    SyntheticPlan plan;
    plan.started_at = Later(random, p.assessment->at, kDaysToPlan);
    plan.mechanism =
        Code(random, p.age >= 65 ? std::span<const Weighted>(kMechanism65Plus) : kMechanism18to64);
    ChooseBudget(random, p, p.assessment->indicative_annual, plan);
    if (auto built = BuildItems(random, p, options, council.market, plan); !built) return built;
    casework::PlanRequest& r = plan.request;
    r.written_with = {"person"};
    if (p.person.has_unpaid_carer == "yes" && random.PerMille(700)) {
      r.written_with.push_back("family");
    }
    r.written_with.push_back(random.PerMille(250) ? "support_planner" : "social_worker");
    if (random.PerMille(600)) {
      const auto& [risk, how] = kRisks[random.Below(std::size(kRisks))];
      r.risks.push_back({std::string(risk), std::string(how)});
    }
    r.emergency = kEmergencies[random.Below(std::size(kEmergencies))];
    if (DayOf(plan.started_at) > last_day) continue;
    p.plan = std::move(plan);
  }
  return Ok();
}

// ---------------------------------------------------------------------------------------------
// Stage: sign-off.

void GenerateSignOffs(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "sign-off");
  auto by = [&](Timestamp t) { return DayOf(t) <= last_day; };
  for (SyntheticPerson& p : council.people) {
    if (!p.plan) continue;
    SyntheticPlan& plan = *p.plan;
    const Timestamp submitted = Later(random, plan.started_at, kDaysToSubmit);
    const bool returned = random.PerMille(kReturnedOncePerMille);
    const Timestamp decided = Later(random, submitted, kDaysToDecision);
    const Timestamp resubmitted = Later(random, decided, kDaysToResubmit);
    const Timestamp approved = returned ? Later(random, resubmitted, kDaysToDecision) : decided;
    const std::string_view comments = kReturnComments[random.Below(std::size(kReturnComments))];
    if (!by(submitted)) continue;
    plan.submitted_at = submitted;
    if (returned) {
      if (!by(decided)) continue;
      plan.returned_at = decided;
      plan.return_comments = comments;
      if (!by(resubmitted)) continue;
      plan.resubmitted_at = resubmitted;
    }
    if (by(approved)) plan.approved_at = approved;
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: closures.

constexpr std::pair<std::string_view, std::string_view> kClosureWords[] = {
    {"died", "{} died peacefully at home; the family has been told about the final payments."},
    {"died", "{} died in hospital after a short illness."},
    {"moved_away",
     "{} moved to live near family in another council's area; their new council "
     "has the assessment."},
    {"declined", "{} no longer wants paid support and knows how to ask again."},
    {"needs_met_elsewhere", "{} moved into a care home funded by NHS continuing healthcare."},
    {"needs_met_elsewhere", "{}'s family now gives all the help needed."},
};

std::string ClosureWords(Random& random, std::string_view reason, const std::string& name) {
  std::vector<std::string_view> matching;
  for (const auto& [code, words] : kClosureWords) {
    if (code == reason) matching.push_back(words);
  }
  return fmt::format(fmt::runtime(matching[random.Below(matching.size())]), name);
}

// A case with a budget may close in any year after sign-off, at the age band's rate.
void GenerateClosures(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "closures");
  for (SyntheticPerson& p : council.people) {
    if (!p.plan || !p.plan->approved_at) continue;
    const ClosureRates* rates = &kClosureRates[0];
    for (const ClosureRates& r : kClosureRates) {
      if (p.age >= r.from_age) rates = &r;
    }
    const Weighted reasons[] = {{"died", rates->died},
                                {"moved_away", rates->moved_away},
                                {"declined", rates->declined},
                                {"needs_met_elsewhere", rates->needs_met_elsewhere}};
    const std::int64_t per_mille = TotalWeight(reasons);
    Date year_from = AddDays(DayOf(*p.plan->approved_at), 1);
    while (year_from <= last_day) {
      const bool closes = random.PerMille(per_mille);
      const Date on = AddDays(year_from, static_cast<int>(random.Between(0, 364)));
      const std::string_view reason = Code(random, reasons);
      if (closes) {
        const Timestamp recorded =
            Later(random, Timestamp{date::sys_days{on}.time_since_epoch()}, kDaysToRecordClosure);
        if (on <= last_day && DayOf(recorded) <= last_day) {
          SyntheticClosure c;
          c.at = recorded;
          c.request.reason = reason;
          c.request.effective_on = FormatIsoDate(on);
          c.request.words = ClosureWords(random, reason, p.person.given_name);
          p.closure = std::move(c);
        }
        break;
      }
      year_from = AddDays(year_from, 365);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: reviews.

constexpr std::string_view kViewsAchieved[] = {"It works well for me", "Much better than before",
                                               "I am happy with how this is going"};
constexpr std::string_view kViewsPartly[] = {"Some weeks are better than others",
                                             "Getting there, slowly",
                                             "Better, but the times do not always suit me"};
constexpr std::string_view kViewsNotYet[] = {"This has not happened yet",
                                             "I still cannot do this and it worries me"};
constexpr std::string_view kOverallViews[] = {
    "I feel more in control than I did.", "The help is good; I would like more say over times.",
    "Things are steady and I want to keep it like this.",
    "I would like to try something different for my days."};

std::string_view Pick(Random& random, std::span<const std::string_view> list) {
  return list[random.Below(list.size())];
}

// The plan with its day at the declining day centre moved to the community hub: the same days,
// at the hub's price, so the plan costs less and stays within its budget.
std::optional<SyntheticRevision> LeaveTheDayCentre(const std::vector<SyntheticProvider>& market,
                                                   const casework::PlanRequest& request,
                                                   const std::vector<ServiceRef>& sources) {
  const ServiceRef hub = FindService(market, kCommunityHub, kServiceLunchClub);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!sources[i].found() ||
        market[static_cast<std::size_t>(sources[i].provider)].request.name != kDecliningProvider) {
      continue;
    }
    SyntheticRevision revision;
    revision.request = request;
    revision.sources = sources;
    casework::PlanItemRequest& item = revision.request.items[i];
    item.what = "Lunch club and activities at the community hub";
    item.supplier_name = std::string(kCommunityHub);
    item.unit_price = Pounds(PriceOf(market, hub).value());
    item.service_type = TypeOf(market, hub);
    revision.sources[i] = hub;
    return revision;
  }
  return std::nullopt;
}

// Reviews near each due date (casework::NextReview under the default rules), each outcome rated,
// until the as-of date or the case's closure. Some people with the declining day centre agree a
// revised plan at a review in its last two years.
void GenerateReviews(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "reviews");
  const casework::ReviewRules rules;
  const Date decline_starts = AddMonths(options.as_of, -kDeclineMonths);
  for (SyntheticPerson& p : council.people) {
    if (!p.plan || !p.plan->approved_at) continue;
    // Nothing happens on or after the day the case closed.
    const Date stop =
        p.closure ? AddDays(*ParseIsoDate(p.closure->request.effective_on), -1) : last_day;
    const auto& items = p.plan->request.items;
    const bool dp = std::any_of(items.begin(), items.end(),
                                [](const auto& i) { return i.route == "direct_payment"; });
    // The plan in force (copies: the reviews vector grows under any pointer into it).
    casework::PlanRequest current = p.plan->request;
    std::vector<ServiceRef> sources = p.plan->sources;
    Date plan_from = DayOf(*p.plan->approved_at);
    std::optional<Date> last;
    for (;;) {
      const casework::ReviewDue due = casework::NextReview(rules, plan_from, dp, last);
      const bool late = random.PerMille(kReviewLatePerMille);
      const DayRange& range = late ? kReviewDaysLate : kReviewDaysFromDue;
      Date held = AddDays(due.due, static_cast<int>(random.Between(range.low, range.high)));
      held = std::max(held, AddDays(last.value_or(plan_from), 1));
      held = std::max(held, AddDays(plan_from, 1));
      if (held > stop) break;
      SyntheticReview review;
      review.at = DuringTheDay(random, held);
      casework::ReviewRequest& r = review.request;
      r.held_on = FormatIsoDate(held);
      r.reason = random.PerMille(60) ? "needs_changed" : "planned";
      r.method = Code(random, kReviewMethods);
      for (const casework::PlanOutcome& o : current.outcomes) {
        const std::string_view rating = Code(random, kOutcomeRatings);
        const std::string_view view = rating == "achieved" ? Pick(random, kViewsAchieved)
                                      : rating == "partly" ? Pick(random, kViewsPartly)
                                                           : Pick(random, kViewsNotYet);
        r.outcomes.push_back({o.id, std::string(rating), std::string(view)});
      }
      r.persons_view = Pick(random, kOverallViews);
      r.result = "continue";
      std::optional<SyntheticRevision> revision;
      if (held >= decline_starts && random.PerMille(kLeaveDayCentreAtReviewPerMille)) {
        revision = LeaveTheDayCentre(council.market, current, sources);
      }
      if (revision) {
        r.result = "revise_plan";
        r.notes = fmt::format(
            "{} would rather go to the lunch club at {} with friends; the plan moves the days "
            "there.",
            p.person.given_name, kCommunityHub);
        revision->started_at = Later(random, review.at, kDaysToStartRevision);
        const Timestamp submitted = Later(random, revision->started_at, kDaysToSubmit);
        const Timestamp approved = Later(random, submitted, kDaysToDecision);
        if (DayOf(revision->started_at) > stop) revision.reset();
        if (revision && DayOf(submitted) <= stop) revision->submitted_at = submitted;
        if (revision && revision->submitted_at && DayOf(approved) <= stop) {
          revision->approved_at = approved;
        }
      } else {
        r.notes = "Carry on with the plan as it is.";
      }
      review.revision = std::move(revision);
      p.reviews.push_back(std::move(review));
      last = held;
      const std::optional<SyntheticRevision>& done = p.reviews.back().revision;
      if (done) {
        if (!done->approved_at) break;  // still being agreed on the as-of date
        current = done->request;
        sources = done->sources;
        plan_from = DayOf(*done->approved_at);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: money. The payments themselves are the system's own (the schedule of each budget in
// payment); what the generator decides is how each direct payment is spent.

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Status GenerateMoney(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "money");
  std::int64_t total = 0;
  for (const SpendProfile& s : kSpendProfiles) total += s.weight;
  for (SyntheticPerson& p : council.people) {
    if (!p.plan || !p.plan->approved_at) continue;
    auto content = casework::ValidatePlan(p.plan->request);
    if (!content) return tl::unexpected(content.error());
    SyntheticMoney money;
    bool direct_payment = false;
    for (const casework::PlanItem& item : content->items) {
      if (item.route != casework::PaymentRoute::kDirectPayment) continue;
      direct_payment = true;
      if (item.supplier_name.empty()) continue;  // still to be chosen: nothing bought yet
      const bool pa = item.supplier == casework::Supplier::kPersonalAssistant;
      const std::int64_t cost = item.unit_price.value() * item.hundredths / 100;
      switch (item.frequency) {
        case casework::ItemFrequency::kPerWeek:
          money.spend.push_back({Upper(item.supplier_name), pa ? "PA WAGES" : "INVOICE", cost});
          break;
        case casework::ItemFrequency::kPerYear:  // spread over the weeks, as a card would be
          money.spend.push_back({Upper(item.supplier_name), "MEMBERSHIP", cost / 52});
          break;
        case casework::ItemFrequency::kOneOff:
          money.once.push_back({Upper(item.supplier_name), "PURCHASE", cost});
          break;
      }
    }
    if (!direct_payment) continue;
    money.card_reference = fmt::format("DZC-{:08}", random.Between(0, 99'999'999));
    auto pick = static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(total)));
    const SpendProfile* profile = &kSpendProfiles[0];
    for (const SpendProfile& s : kSpendProfiles) {
      if (pick < s.weight) {
        profile = &s;
        break;
      }
      pick -= s.weight;
    }
    money.spend_per_mille = random.Between(profile->low_per_mille, profile->high_per_mille);
    p.money = std::move(money);
  }
  return Ok();
}

// ---------------------------------------------------------------------------------------------
// Stage: contributions. The financial assessment for everyone whose plan is started, recorded
// half an hour after starting it (the plan is submitted days later).

void GenerateContributions(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "contributions");
  const std::int64_t weeks = options.weeks_per_year.numerator;
  const std::int64_t per = options.weeks_per_year.denominator;
  for (SyntheticPerson& p : council.people) {
    if (!p.plan) continue;
    const ContributionProfile* profile = &kContributionProfiles[0];
    for (const ContributionProfile& c : kContributionProfiles) {
      if (p.age >= c.from_age) profile = &c;
    }
    SyntheticContribution c;
    c.at = p.plan->started_at + std::chrono::minutes{30};
    c.request.assessed_on = FormatIsoDate(DayOf(p.plan->started_at));
    const auto pick = static_cast<std::int64_t>(random.Below(
        static_cast<std::uint64_t>(profile->not_charged + profile->nil + profile->pays)));
    if (pick < profile->not_charged) {
      c.request.basis = "not_charged";
      c.request.notes = "Aftercare under section 117 of the Mental Health Act 1983: not charged.";
    } else {
      c.request.basis = "financial_assessment";
      if (pick < profile->not_charged + profile->nil) {
        c.request.notes = "Income at or below the Minimum Income Guarantee: nothing to pay.";
      } else {
        // Never more than a share of the weekly budget (the charge is capped at the cost).
        const std::int64_t weekly_budget = p.plan->actual_annual.value() * per / weeks;
        const std::int64_t cap = weekly_budget * kContributionCapPerMille / 1000;
        c.weekly_pence = std::min(random.Between(profile->low_pence, profile->high_pence), cap);
        c.request.notes =
            "Assessed on income and savings; housing costs and disability-related "
            "spending allowed for.";
      }
      c.request.weekly = Pounds(c.weekly_pence);
    }
    p.contribution = std::move(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: top-ups. Money paid into the card every four weeks: the person's own contribution when
// the whole budget is a direct payment (the council pays it net of the contribution), and for
// a few people a family member's top-up.

void GenerateTopUps(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "top-ups");
  for (SyntheticPerson& p : council.people) {
    if (!p.money) continue;
    const std::string name = Upper(p.person.given_name + " " + p.person.family_name);
    if (p.plan->mechanism == "dp" && p.contribution && p.contribution->weekly_pence > 0) {
      p.money->money_in.push_back(
          {name, "TOP UP OWN CONTRIBUTION", 4 * p.contribution->weekly_pence});
    }
    if (random.PerMille(kFamilyTopUpPerMille)) {
      const Names family = NameFor(random, "female", p.person.ethnicity, 50);
      p.money->money_in.push_back({Upper(family.given.substr(0, 1) + " " + p.person.family_name),
                                   "TOP UP FROM FAMILY",
                                   random.Between(kFamilyTopUpLowPence, kFamilyTopUpHighPence)});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: safeguarding. A concern raised by the person's social worker on a day the budget is in
// force, at kConcernsPerThousandAYear; the lead's steps follow until the day before the as-of
// date (safeguarding goes on after a case closes).

struct ConcernWords {
  std::string_view category;
  std::string_view what_happened;  // {0}: the person's given name
  std::string_view wishes;
};
constexpr ConcernWords kConcernWords[] = {
    {"neglect",
     "Carers missed three visits last week and {0} was left without meals or "
     "medicines.",
     "{0} wants the visits to happen and to stay at home."},
    {"physical",
     "Bruising seen on {0}'s arms at the day service; {0} could not say how it "
     "happened.",
     "{0} wants to feel safe and to keep going to the day service."},
    {"financial",
     "A relative has been using {0}'s card; money has gone from the account that "
     "{0} did not spend.",
     "{0} wants the money back and the relative kept away from "
     "the card."},
    {"psychological", "{0} says a neighbour shouts at and threatens them when they go out.",
     "{0} wants to be able to go out without being frightened."},
    {"self_neglect", "{0} has stopped letting carers in; the house is cold and there is no food.",
     "{0} wants to be left alone, but agreed to talk to the social worker."},
    {"domestic",
     "{0} told the support worker that their partner pushes them and takes their "
     "phone.",
     "{0} wants to stay in the relationship but to be safe."},
    {"organisational",
     "Several people using the same service had their medicines late; staff "
     "say there are too few of them.",
     "{0} wants the service to be put right."},
    {"sexual", "{0} told their support worker about unwanted touching by someone at a group.",
     "{0} wants it to stop and does not want to go back to the group for now."},
    {"discriminatory", "{0} is being mocked about their disability by people where they live.",
     "{0} wants it to stop and to stay where they live."},
    {"modern_slavery",
     "{0} is being made to work for a relative without pay and is not allowed "
     "out alone.",
     "{0} wants to leave and to be somewhere safe."},
};

const ConcernWords& WordsFor(std::string_view category) {
  for (const ConcernWords& w : kConcernWords) {
    if (w.category == category) return w;
  }
  return kConcernWords[0];
}

std::string TriageReasons(std::string_view decision, const std::string& name) {
  if (decision == "section_42_enquiry") {
    return fmt::format(
        "The section 42 criteria are met: {} has care and support needs, is at risk of abuse or "
        "neglect, and cannot protect themselves from it because of those needs.",
        name);
  }
  if (decision == "other_action") {
    return fmt::format(
        "Not a section 42 enquiry: the social worker will review the plan with {} and the "
        "people supporting them, and report back within a month.",
        name);
  }
  return fmt::format(
      "Looked into with {} and their social worker: there is no continuing risk of abuse or "
      "neglect.",
      name);
}

constexpr std::string_view kConcernActions[] = {
    "The care provider changed the rota and a manager checks every visit for a month.",
    "A protection plan is in place and the person's money is now managed by a support "
    "organisation.",
    "The police were told; the person moved to a safe place and then back home with more "
    "support.",
    "The plan was reviewed and a second carer added; the family were given advice.",
    "An advocate helped the person decide what they wanted; the provider is under review.",
};

std::string PersonsView(std::string_view met, const std::string& name) {
  if (met == "fully")
    return fmt::format("{} says they feel safe now and got what they wanted.", name);
  if (met == "partly") {
    return fmt::format("{} feels safer but would have liked it sorted out sooner.", name);
  }
  if (met == "not_met") return fmt::format("{} says nothing has really changed for them.", name);
  return fmt::format("{} did not want to say what they wanted to happen.", name);
}

// A concern about `p` raised on `day`, with the lead's steps that fall by `last_day`.
SyntheticConcern MakeConcern(Random& random, const SyntheticPerson& p, Date day, Date last_day) {
  const std::string& name = p.person.given_name;
  SyntheticConcern c;
  c.raised_at = DuringTheDay(random, day);
  const std::string_view category = Code(random, kConcernCategories);
  const ConcernWords& words = WordsFor(category);
  c.request.category = std::string(category);
  c.request.what_happened = fmt::format(fmt::runtime(words.what_happened), name);
  c.request.immediate_risk = random.PerMille(kConcernImmediateRiskPerMille);
  c.request.persons_wishes = fmt::format(fmt::runtime(words.wishes), name);
  if (category == "organisational") {
    for (const casework::PlanItemRequest& item : p.plan->request.items) {
      if (item.supplier == "provider" && !item.supplier_name.empty()) {
        c.request.provider = item.supplier_name;
        break;
      }
    }
  }
  const std::string_view decision = Code(random, kConcernTriage);
  c.triage = {std::string(decision), TriageReasons(decision, name)};
  const Timestamp triaged = Later(random, c.raised_at, kDaysToTriage);
  std::optional<Timestamp> close;
  if (decision == "section_42_enquiry") {
    const Timestamp started = Later(random, triaged, kDaysToEnquiry);
    c.enquiry = {
        fmt::format("{} locality team social worker", p.team == "north" ? "North" : "South"),
        FormatIsoDate(DayOf(started))};
    if (DayOf(started) <= last_day && DayOf(triaged) <= last_day) c.enquiry_at = started;
    close = Later(random, started, kDaysEnquiryLasts);
  } else if (decision == "other_action") {
    close = Later(random, triaged, kDaysOtherActionLasts);
  }
  const std::string_view risk = Code(random, kConcernRiskOutcomes);
  const std::string_view met = Code(random, kConcernOutcomesMet);
  c.closure = {std::string(risk),
               std::string(kConcernActions[random.Below(std::size(kConcernActions))]),
               std::string(met), PersonsView(met, name)};
  if (DayOf(triaged) <= last_day) c.triaged_at = triaged;
  const bool started = decision != "section_42_enquiry" || c.enquiry_at.has_value();
  if (c.triaged_at && started && close && DayOf(*close) <= last_day) c.closed_at = close;
  return c;
}

bool Open(const SyntheticConcern& c) {
  return !c.triaged_at || (c.triage.decision != "no_further_action" && !c.closed_at);
}

void GenerateConcerns(const CouncilOptions& options, SyntheticCouncil& council, Date last_day) {
  Random random = StageStream(options.seed, "safeguarding");
  bool any_open = false;
  std::vector<std::int64_t> in_force;  // budgets in force on the last day, with no concern
  for (SyntheticPerson& p : council.people) {
    if (!p.plan || !p.plan->approved_at) continue;
    const Date from = AddDays(DayOf(*p.plan->approved_at), 1);
    const Date to =
        p.closure ? AddDays(*ParseIsoDate(p.closure->request.effective_on), -1) : last_day;
    const std::int64_t days = DaysBetween(from, to) + 1;
    if (days <= 0) continue;
    // kConcernsPerThousandAYear over the days in force: at most one concern a person.
    if (static_cast<std::int64_t>(random.Below(365'000)) >= kConcernsPerThousandAYear * days) {
      if (!p.closure) in_force.push_back(p.index);
      continue;
    }
    const Date day =
        AddDays(from, static_cast<int>(random.Below(static_cast<std::uint64_t>(days))));
    p.concerns.push_back(MakeConcern(random, p, day, last_day));
    any_open = any_open || Open(p.concerns.back());
  }
  // So that the safeguarding lead's queue is never empty: when every concern has closed, one
  // more, raised on the last day (waiting for triage), about someone whose budget is in force.
  if (any_open || in_force.empty()) return;
  Random extra = StageStream(options.seed, "safeguarding-open");
  SyntheticPerson& p =
      council.people[static_cast<std::size_t>(in_force[extra.Below(in_force.size())])];
  p.concerns.push_back(MakeConcern(extra, p, last_day, last_day));
}

// ---------------------------------------------------------------------------------------------
// Stage: pools. Each of kPoolShapes among the North team's direct payment holders (the demo
// social worker's team): signed off at least 60 days before the proposal, a direct
// payment of at least three shares, spending no faster than their money comes in, with no
// closure and no plan still being revised.

void GeneratePools(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "pools");
  std::vector<bool> taken(council.people.size(), false);
  for (const PoolShape& shape : kPoolShapes) {
    const Date proposed = AddDays(options.as_of, -shape.proposed_days_before);
    std::vector<std::int64_t> candidates;
    for (const SyntheticPerson& p : council.people) {
      if (!p.money || p.closure || taken[static_cast<std::size_t>(p.index)]) continue;
      if (p.team != "north" || shape.working_age != (p.age < 65)) continue;
      if (p.money->spend_per_mille > 1000) continue;
      if (p.plan->actual_annual.value() < kPoolMemberLeastAnnualPence) continue;
      // The direct payment every 4 weeks (net of the contribution) carries three shares.
      std::int64_t weekly = -(p.contribution ? p.contribution->weekly_pence : 0);
      for (const DirectSpend& d : p.money->spend) weekly += d.weekly_pence;
      if (4 * weekly < 3 * shape.share_pence) continue;
      if (DaysBetween(DayOf(*p.plan->approved_at), proposed) < 60) continue;
      const bool revising = std::any_of(p.reviews.begin(), p.reviews.end(), [](const auto& r) {
        return r.revision && !r.revision->approved_at;
      });
      if (!revising) candidates.push_back(p.index);
    }
    if (candidates.size() < shape.members) continue;
    SyntheticPool pool;
    // A few chosen at random, in the order of the records.
    for (std::size_t i = 0; i < shape.members; ++i) {
      const auto pick = i + random.Below(candidates.size() - i);
      std::swap(candidates[i], candidates[pick]);
    }
    pool.members.assign(candidates.begin(),
                        candidates.begin() + static_cast<std::ptrdiff_t>(shape.members));
    std::sort(pool.members.begin(), pool.members.end());
    for (std::int64_t m : pool.members) taken[static_cast<std::size_t>(m)] = true;
    pool.name = std::string(shape.name);
    pool.pays_for = std::string(shape.pays_for);
    pool.leaving_rule = std::string(shape.leaving_rule);
    pool.paid_to = std::string(shape.paid_to);
    pool.share_pence = shape.share_pence;
    pool.consent_how = "Told their social worker at a meeting with the others, with family there";
    pool.proposed_on = proposed;
    if (shape.leaves_days_before > 0) {
      pool.leaves_on = AddDays(options.as_of, -shape.leaves_days_before);
    }
    council.pools.push_back(std::move(pool));
  }
}

// ---------------------------------------------------------------------------------------------
// Stage: money taken. For a few direct payment holders (kMoneyTakenPerMille, at least one),
// someone new is paid from the card every week of the last kMoneyTakenDays: signed off at least
// 120 days before, with no closure and not in a pool.

void GenerateMoneyTaken(const CouncilOptions& options, SyntheticCouncil& council) {
  Random random = StageStream(options.seed, "money-taken");
  std::vector<bool> pooled(council.people.size(), false);
  for (const SyntheticPool& pool : council.pools) {
    for (std::int64_t m : pool.members) pooled[static_cast<std::size_t>(m)] = true;
  }
  std::vector<std::int64_t> candidates;
  std::int64_t holders = 0;
  for (const SyntheticPerson& p : council.people) {
    if (!p.money) continue;
    ++holders;
    if (p.closure || pooled[static_cast<std::size_t>(p.index)] || p.money->spend.empty()) continue;
    if (DaysBetween(DayOf(*p.plan->approved_at), options.as_of) < 120) continue;
    candidates.push_back(p.index);
  }
  const auto wanted =
      std::min<std::int64_t>(static_cast<std::int64_t>(candidates.size()),
                             std::max<std::int64_t>(1, holders * kMoneyTakenPerMille / 1000));
  for (std::int64_t i = 0; i < wanted; ++i) {
    const auto pick =
        static_cast<std::size_t>(i) + random.Below(candidates.size() - static_cast<std::size_t>(i));
    std::swap(candidates[static_cast<std::size_t>(i)], candidates[pick]);
    SyntheticPerson& p =
        council.people[static_cast<std::size_t>(candidates[static_cast<std::size_t>(i)])];
    std::int64_t weekly = 0;
    for (const DirectSpend& s : p.money->spend) weekly += s.weekly_pence;
    const Names someone = NameFor(random, random.PerMille(500) ? "male" : "female", "A", 40);
    p.money->taken = {Upper(someone.given + " " + someone.family), "TRANSFER",
                      weekly * kMoneyTakenWeeklyPerMille / 1000};
    p.money->taken_from = AddDays(options.as_of, -kMoneyTakenDays);
  }
}

}  // namespace

bool AsOfInRange(Date as_of) {
  return as_of.year() >= date::year{2000} && as_of.year() <= date::year{2099};
}

Result<SyntheticCouncil> GenerateCouncil(const ras::Model& model, const CouncilOptions& options) {
  std::vector<FieldError> errors;
  if (!options.as_of.ok() || !AsOfInRange(options.as_of)) {
    errors.push_back({"as_of", "Choose an as-of date from 2000 to 2099"});
  }
  if (options.people < 1 || options.people > kMaxPeople) {
    errors.push_back({"people", fmt::format("Choose between 1 and {} people", kMaxPeople)});
  }
  if (options.years < 1 || options.years > 10) {
    errors.push_back({"years", "Choose between 1 and 10 years of history"});
  }
  if (options.weeks_per_year.numerator <= 0 || options.weeks_per_year.denominator <= 0) {
    errors.push_back({"weeks_per_year", "The weeks in a year must be more than zero"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  SyntheticCouncil council;
  council.options = options;
  council.start =
      Timestamp{date::sys_days{AddMonths(options.as_of, -12 * options.years)}.time_since_epoch()};
  // Every step happens by the day before the as-of date.
  const Date last_day = AddDays(options.as_of, -1);
  GeneratePeople(options, council);
  GenerateContacts(options, council, last_day);
  GenerateEligibility(options, council, last_day);
  council.market = GenerateMarket(options);
  if (auto s = GenerateAssessments(model, options, council, last_day); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = GeneratePlans(options, council, last_day); !s) return tl::unexpected(s.error());
  GenerateSignOffs(options, council, last_day);
  GenerateClosures(options, council, last_day);
  GenerateReviews(options, council, last_day);
  if (auto s = GenerateMoney(options, council); !s) return tl::unexpected(s.error());
  GenerateContributions(options, council);
  GenerateTopUps(options, council);
  GenerateConcerns(options, council, last_day);
  GeneratePools(options, council);
  GenerateMoneyTaken(options, council);
  return council;
}

std::vector<Step> StepsInTimeOrder(const SyntheticCouncil& council) {
  std::vector<Step> steps;
  steps.reserve(council.people.size() * 6);
  for (const SyntheticPerson& p : council.people) {
    steps.push_back({p.contact.at, p.index, StepKind::kContact});
    if (p.eligibility) steps.push_back({p.eligibility->at, p.index, StepKind::kEligibility});
    if (p.assessment) steps.push_back({p.assessment->at, p.index, StepKind::kAssessment});
    if (!p.plan) continue;
    const SyntheticPlan& plan = *p.plan;
    steps.push_back({plan.started_at, p.index, StepKind::kStartPlan});
    if (p.contribution) steps.push_back({p.contribution->at, p.index, StepKind::kContribution});
    if (plan.submitted_at) steps.push_back({*plan.submitted_at, p.index, StepKind::kSubmitPlan});
    if (plan.returned_at) steps.push_back({*plan.returned_at, p.index, StepKind::kReturnPlan});
    if (plan.resubmitted_at) {
      steps.push_back({*plan.resubmitted_at, p.index, StepKind::kResubmitPlan});
    }
    if (plan.approved_at) steps.push_back({*plan.approved_at, p.index, StepKind::kApprovePlan});
    for (std::size_t n = 0; n < p.reviews.size(); ++n) {
      const SyntheticReview& review = p.reviews[n];
      const int i = static_cast<int>(n);
      steps.push_back({review.at, p.index, StepKind::kReview, i});
      if (!review.revision) continue;
      const SyntheticRevision& revision = *review.revision;
      steps.push_back({revision.started_at, p.index, StepKind::kStartRevision, i});
      if (revision.submitted_at) {
        steps.push_back({*revision.submitted_at, p.index, StepKind::kSubmitRevision, i});
      }
      if (revision.approved_at) {
        steps.push_back({*revision.approved_at, p.index, StepKind::kApproveRevision, i});
      }
    }
    if (p.closure) steps.push_back({p.closure->at, p.index, StepKind::kClose});
    for (std::size_t n = 0; n < p.concerns.size(); ++n) {
      const SyntheticConcern& c = p.concerns[n];
      const int i = static_cast<int>(n);
      steps.push_back({c.raised_at, p.index, StepKind::kRaiseConcern, i});
      if (c.triaged_at) steps.push_back({*c.triaged_at, p.index, StepKind::kTriageConcern, i});
      if (c.enquiry_at) steps.push_back({*c.enquiry_at, p.index, StepKind::kStartEnquiry, i});
      if (c.closed_at) steps.push_back({*c.closed_at, p.index, StepKind::kCloseConcern, i});
    }
  }
  // A person's steps are at strictly later moments (most on later days), so sorting by time
  // keeps each case in order.
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.at != b.at ? a.at < b.at : a.person < b.person;
  });
  return steps;
}

}  // namespace selfdirect::simulate
