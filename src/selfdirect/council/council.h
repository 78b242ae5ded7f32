// Councils and their schemes.
//
// A council (or any public body that gives people money to arrange their own support) runs one
// or more schemes: a scheme is one kind of budget with its own settings — adult social care
// personal budgets, carers' budgets, personal health budgets. Every other record belongs to a
// council, and the council id is part of every key.
//
// This module holds the rules (what a valid council and scheme look like) and the repository
// interface the store implements. It does no I/O.
//
//   auto scheme = ValidateNewScheme(request);          // Result<NewScheme>, field errors named
//   if (!scheme) return tl::unexpected(scheme.error());
//   repo.CreateScheme(Scheme{...});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/period.h"
#include "selfdirect/core/result.h"

namespace selfdirect {

struct Council {
  CouncilId id;
  std::string code;  // the ONS local authority code, e.g. "E09000033"; unique
  std::string name;  // "Westminster City Council"
  Timestamp created_at;
};

enum class SchemeKind {
  kAdultSocialCare,  // Care Act personal budgets for adults with eligible needs
  kCarers,           // carers' personal budgets
  kPersonalHealth,   // NHS personal health budgets
  kOther,            // education, employment, or another scheme run the same way
};

const char* SchemeKindName(SchemeKind kind);  // "adult-social-care", "carers", ...
std::optional<SchemeKind> ParseSchemeKind(std::string_view name);

// Settings a council chooses per scheme. Defaults follow typical local policy
// (../shared/domain/budgets.md); each is a setting, never a constant in code.
struct SchemeSettings {
  WeeksPerYear weeks_per_year{52, 1};
  Period payment_interval = Period::kFourWeekly;  // direct payments are paid in advance
  int surplus_threshold_weeks = 8;  // balance above this many weeks' budget is a surplus
  int first_review_weeks = 8;       // light review after a new plan (6–8 weeks)
  int review_interval_months = 12;  // then at most every 12 months
  // How the person's contribution is collected: taken off the direct payment, or the direct
  // payment paid in full and the contribution collected separately.
  bool contribution_gross = false;
  // Personal assistants: whether every PA must have a DBS check (by law only when an authorised
  // person acts for someone without capacity), and how many days before an employer's
  // liability insurance ends they are reminded.
  bool pa_dbs_required = false;
  int pa_insurance_reminder_days = 30;

  friend bool operator==(const SchemeSettings&, const SchemeSettings&) = default;
};

struct Scheme {
  CouncilId council_id;
  SchemeId id;
  std::string name;
  SchemeKind kind = SchemeKind::kAdultSocialCare;
  SchemeSettings settings;
  Timestamp created_at;
};

// What a caller asks for; validated before anything is stored.
struct NewCouncil {
  std::string code;
  std::string name;
};

struct NewScheme {
  std::string name{};
  std::string kind{};                             // SchemeKindName
  std::optional<std::string> weeks_per_year{};    // "52", "52.14", "365/7"
  std::optional<std::string> payment_interval{};  // PeriodName
  std::optional<long long> surplus_threshold_weeks{};
  std::optional<long long> first_review_weeks{};
  std::optional<long long> review_interval_months{};
  std::optional<std::string> contribution_collection{};  // "net" | "gross"
  std::optional<bool> pa_dbs_required{};
  std::optional<long long> pa_insurance_reminder_days{};
};

// Checks every field and reports all problems at once (kInvalidArgument, one FieldError each).
Status ValidateNewCouncil(const NewCouncil& request);

// Validates and resolves a scheme request to its kind and settings (defaults filled in).
struct ValidScheme {
  std::string name;
  SchemeKind kind;
  SchemeSettings settings;
};
Result<ValidScheme> ValidateNewScheme(const NewScheme& request);

// Storage for councils and schemes. Implemented in store/; a fake can stand in for tests.
// Write methods fail with kConflict when a unique key (council code, scheme name within a
// council) is taken, and with kNotFound when a referenced council does not exist.
class CouncilRepository {
 public:
  virtual ~CouncilRepository() = default;
  virtual Status CreateCouncil(const Council& council) = 0;
  virtual Result<std::optional<Council>> FindCouncil(const CouncilId& id) = 0;
  virtual Result<std::optional<Council>> FindCouncilByCode(const std::string& code) = 0;
  virtual Result<std::vector<Council>> ListCouncils() = 0;
  virtual Status CreateScheme(const Scheme& scheme) = 0;
  virtual Result<std::vector<Scheme>> ListSchemes(const CouncilId& council) = 0;
  virtual Result<std::optional<Scheme>> FindScheme(const CouncilId& council,
                                                   const SchemeId& id) = 0;
};

}  // namespace selfdirect
