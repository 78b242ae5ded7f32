#include "selfdirect/council/council.h"

#include <cctype>

namespace selfdirect {
namespace {

constexpr std::size_t kMaxNameLength = 200;

bool IsPrintableText(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return false;  // control characters, including newlines
  }
  return true;
}

std::string Trimmed(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

void CheckName(const std::string& value, const char* field, const char* what,
               std::vector<FieldError>* errors) {
  const std::string name = Trimmed(value);
  if (name.empty()) {
    errors->push_back({field, std::string("Enter the ") + what});
  } else if (name.size() > kMaxNameLength) {
    errors->push_back({field, std::string("The ") + what + " must be 200 characters or fewer"});
  } else if (!IsPrintableText(name)) {
    errors->push_back({field, std::string("The ") + what + " must be a single line of text"});
  }
}

void CheckRange(const std::optional<long long>& value, long long lo, long long hi,
                const char* field, const char* what, std::vector<FieldError>* errors) {
  if (value && (*value < lo || *value > hi)) {
    errors->push_back({field, std::string(what) + " must be a whole number from " +
                                  std::to_string(lo) + " to " + std::to_string(hi)});
  }
}

}  // namespace

const char* SchemeKindName(SchemeKind kind) {
  switch (kind) {
    case SchemeKind::kAdultSocialCare:
      return "adult-social-care";
    case SchemeKind::kCarers:
      return "carers";
    case SchemeKind::kPersonalHealth:
      return "personal-health";
    case SchemeKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<SchemeKind> ParseSchemeKind(std::string_view name) {
  for (SchemeKind k : {SchemeKind::kAdultSocialCare, SchemeKind::kCarers,
                       SchemeKind::kPersonalHealth, SchemeKind::kOther}) {
    if (name == SchemeKindName(k)) return k;
  }
  return std::nullopt;
}

Status ValidateNewCouncil(const NewCouncil& request) {
  std::vector<FieldError> errors;
  // ONS codes: a letter then eight digits (E06000001, W06000011, S12000033).
  const std::string code = Trimmed(request.code);
  bool code_ok = code.size() == 9 && std::isupper(static_cast<unsigned char>(code[0]));
  for (std::size_t i = 1; code_ok && i < code.size(); ++i) {
    code_ok = std::isdigit(static_cast<unsigned char>(code[i])) != 0;
  }
  if (!code_ok) {
    errors.push_back({"code",
                      "Enter the council's ONS code: a capital letter and 8 digits, "
                      "like E09000033"});
  }
  CheckName(request.name, "name", "council's name", &errors);
  if (!errors.empty()) return FailFields(std::move(errors));
  return Ok();
}

Result<ValidScheme> ValidateNewScheme(const NewScheme& request) {
  std::vector<FieldError> errors;
  ValidScheme out;
  CheckName(request.name, "name", "scheme's name", &errors);
  out.name = Trimmed(request.name);

  if (auto kind = ParseSchemeKind(request.kind)) {
    out.kind = *kind;
  } else {
    errors.push_back({"kind",
                      "Choose the kind of scheme: adult-social-care, carers, "
                      "personal-health or other"});
  }
  if (request.weeks_per_year) {
    if (auto wpy = ParseWeeksPerYear(*request.weeks_per_year)) {
      out.settings.weeks_per_year = *wpy;
    } else {
      errors.push_back({"settings.weeks_per_year", wpy.error().message});
    }
  }
  if (request.payment_interval) {
    if (auto p = ParsePeriod(*request.payment_interval)) {
      out.settings.payment_interval = *p;
    } else {
      errors.push_back({"settings.payment_interval",
                        "Choose how often payments are made: weekly, four-weekly, monthly or "
                        "annual"});
    }
  }
  CheckRange(request.surplus_threshold_weeks, 1, 52, "settings.surplus_threshold_weeks",
             "The surplus threshold in weeks", &errors);
  CheckRange(request.first_review_weeks, 1, 26, "settings.first_review_weeks",
             "The first review, in weeks after a new plan,", &errors);
  CheckRange(request.review_interval_months, 1, 12, "settings.review_interval_months",
             "The review interval in months", &errors);
  if (request.contribution_collection) {
    if (*request.contribution_collection == "gross") {
      out.settings.contribution_gross = true;
    } else if (*request.contribution_collection != "net") {
      errors.push_back({"settings.contribution_collection",
                        "Choose how contributions are collected: net (taken off the direct "
                        "payment) or gross (collected separately)"});
    }
  }
  CheckRange(request.pa_insurance_reminder_days, 1, 365, "settings.pa_insurance_reminder_days",
             "The insurance reminder, in days before it ends,", &errors);
  if (request.pa_dbs_required) out.settings.pa_dbs_required = *request.pa_dbs_required;
  if (!errors.empty()) return FailFields(std::move(errors));
  if (request.pa_insurance_reminder_days) {
    out.settings.pa_insurance_reminder_days = static_cast<int>(*request.pa_insurance_reminder_days);
  }
  if (request.surplus_threshold_weeks) {
    out.settings.surplus_threshold_weeks = static_cast<int>(*request.surplus_threshold_weeks);
  }
  if (request.first_review_weeks) {
    out.settings.first_review_weeks = static_cast<int>(*request.first_review_weeks);
  }
  if (request.review_interval_months) {
    out.settings.review_interval_months = static_cast<int>(*request.review_interval_months);
  }
  return out;
}

}  // namespace selfdirect
