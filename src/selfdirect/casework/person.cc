#include "selfdirect/casework/person.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "selfdirect/casework/codes.h"
#include "selfdirect/casework/nhs_number.h"
#include "selfdirect/core/text.h"

namespace selfdirect::casework {
namespace {

// A UK postcode, loosely: outward code (2–4) and inward code (digit + two letters).
std::optional<std::string> NormalisePostcode(const std::string& text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) return std::nullopt;
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.size() < 5 || compact.size() > 7) return std::nullopt;
  const std::string inward = compact.substr(compact.size() - 3);
  if (std::isdigit(static_cast<unsigned char>(inward[0])) == 0 ||
      std::isalpha(static_cast<unsigned char>(inward[1])) == 0 ||
      std::isalpha(static_cast<unsigned char>(inward[2])) == 0 ||
      std::isalpha(static_cast<unsigned char>(compact[0])) == 0) {
    return std::nullopt;
  }
  return compact.substr(0, compact.size() - 3) + " " + inward;
}

}  // namespace

Result<Person> ValidateNewPerson(const NewPerson& r, Date today) {
  std::vector<FieldError> errors;
  Person p;
  auto text = [&](const char* field, const std::string& value, std::size_t most, bool required,
                  const char* what) {
    std::string t = Trim(value);
    if (required && t.empty()) {
      errors.push_back({field, fmt::format("Enter {}", what)});
    } else if (t.size() > most) {
      errors.push_back(
          {field, fmt::format("{} must be {} characters or fewer",
                              std::string(1, static_cast<char>(std::toupper(
                                                 static_cast<unsigned char>(what[0])))) +
                                  (what + 1),
                              most)});
    }
    return t;
  };
  p.given_name = text("given_name", r.given_name, 100, true, "their first name");
  p.family_name = text("family_name", r.family_name, 100, true, "their last name");
  p.address = text("address", r.address, 500, false, "the address");
  p.phone = text("phone", r.phone, 40, false, "the phone number");
  p.email = text("email", r.email, 254, false, "the email address");
  if (!p.email.empty() && (p.email.find('@') == std::string::npos || p.email.find('@') == 0 ||
                           p.email.find('@') == p.email.size() - 1)) {
    errors.push_back({"email", "Enter an email address like name@example.com"});
  }

  const std::string dob = Trim(r.date_of_birth);
  if (dob.empty()) {
    errors.push_back({"date_of_birth", "Enter their date of birth"});
  } else if (auto parsed = ParseIsoDate(dob); !parsed) {
    errors.push_back({"date_of_birth", "Enter the date of birth as a real date, like 1948-03-27"});
  } else if (*parsed > today) {
    errors.push_back({"date_of_birth", "The date of birth must be today or in the past"});
  } else if (parsed->year() < date::year(1900)) {
    errors.push_back({"date_of_birth", "The date of birth must be after 1900"});
  } else {
    p.date_of_birth = *parsed;
  }

  if (!Trim(r.nhs_number).empty()) {
    auto nhs = NormaliseNhsNumber(Trim(r.nhs_number));
    if (!nhs) {
      errors.push_back({"nhs_number",
                        "Enter a valid NHS number: 10 digits, like 943 476 5919. "
                        "Check the digits; the last one is a check digit"});
    } else {
      p.nhs_number = *nhs;
    }
  }
  if (!Trim(r.postcode).empty()) {
    auto postcode = NormalisePostcode(Trim(r.postcode));
    if (!postcode) {
      errors.push_back({"postcode", "Enter a real postcode, like SW1A 2AA"});
    } else {
      p.postcode = *postcode;
    }
  }
  auto code = [&](const char* field, CodeList list, const std::string& value) {
    const std::string v = Trim(value);
    if (v.empty()) return std::string("not_known");
    if (FindCode(list, v) == nullptr) {
      std::string allowed;
      for (const Code& c : Codes(list))
        allowed += (allowed.empty() ? "" : ", ") + std::string(c.code);
      errors.push_back(
          {field, fmt::format("Choose one of the {} options ({})", CodeListName(list), allowed)});
    }
    return v;
  };
  p.gender = code("gender", CodeList::kGender, r.gender);
  p.ethnicity =
      Trim(r.ethnicity).empty() ? "Z" : code("ethnicity", CodeList::kEthnicity, r.ethnicity);
  p.primary_support_reason =
      code("primary_support_reason", CodeList::kPrimarySupportReason, r.primary_support_reason);
  p.accommodation = code("accommodation", CodeList::kAccommodation, r.accommodation);
  p.employment = code("employment", CodeList::kEmployment, r.employment);
  p.has_unpaid_carer = Trim(r.has_unpaid_carer).empty() ? "not_known" : Trim(r.has_unpaid_carer);
  if (p.has_unpaid_carer != "yes" && p.has_unpaid_carer != "no" &&
      p.has_unpaid_carer != "not_known") {
    errors.push_back({"has_unpaid_carer", "Choose yes, no or not known"});
  }
  p.communication = r.communication;
  p.communication.interpreter_language =
      text("communication.interpreter_language", r.communication.interpreter_language, 60, false,
           "the language");
  p.communication.other = text("communication.other", r.communication.other, 500, false,
                               "the other communication needs");
  if (!errors.empty()) return FailFields(std::move(errors));
  return p;
}

int AgeOn(const Person& person, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(person.date_of_birth.year());
  if (date::month_day(on.month(), on.day()) <
      date::month_day(person.date_of_birth.month(), person.date_of_birth.day())) {
    --years;
  }
  return years;
}

}  // namespace selfdirect::casework
