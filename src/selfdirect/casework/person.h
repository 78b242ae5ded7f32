// A person the council supports: who they are, how to reach them, how they communicate, and
// the fields the national Client Level Data return needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

struct CommunicationNeeds {
  bool easy_read = false;
  bool large_print = false;
  std::string interpreter_language;  // "" when none is needed
  std::string other;                 // anything else, in the person's words
};

// What a caller sends to record a person; text fields as typed.
struct NewPerson {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string nhs_number;     // optional; spaces allowed
  std::string address;
  std::string postcode;
  std::string phone;
  std::string email;
  std::string gender;  // codes.h lists
  std::string ethnicity;
  std::string primary_support_reason;
  std::string accommodation;
  std::string employment;
  std::string has_unpaid_carer;  // "yes" | "no" | "not_known"
  CommunicationNeeds communication;
};

struct Person {
  CouncilId council;
  PersonId id;
  std::string given_name;
  std::string family_name;
  Date date_of_birth;
  std::string nhs_number;  // ten digits, or ""
  std::string address;
  std::string postcode;  // upper case, one space
  std::string phone;
  std::string email;
  std::string gender;
  std::string ethnicity;
  std::string primary_support_reason;
  std::string accommodation;
  std::string employment;
  std::string has_unpaid_carer;
  CommunicationNeeds communication;
  Timestamp created_at;
  UserId created_by;          // empty for an import or the command line
  std::int64_t revision = 1;  // for optimistic concurrency on edits

  std::string FullName() const { return given_name + " " + family_name; }
};

// Checks every field (all problems at once, each named) and returns the cleaned values:
// trimmed text, the NHS number as ten digits, the postcode in capitals with one space.
// `today` bounds the date of birth (not in the future, not before 1900).
Result<Person> ValidateNewPerson(const NewPerson& request, Date today);

// Whole years between the date of birth and `on`.
int AgeOn(const Person& person, Date on);

}  // namespace selfdirect::casework
