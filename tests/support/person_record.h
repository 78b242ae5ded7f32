// The person the store tests record when they need someone on file: Ada Okafor, born 27 March
// 1948, everything the national returns ask for "not known", no postcode.
//
//   casework::Person p = AdaOkafor(council, PersonId(ids.Next()), clock.Now());
//   p.postcode = "TS24 7QS";  // change what the test is about
//   tx.Casework().CreatePerson(p, {});
#pragma once

#include "selfdirect/casework/person.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"

namespace selfdirect::testing {

inline casework::Person AdaOkafor(const CouncilId& council, const PersonId& id, Timestamp at) {
  casework::Person p;
  p.council = council;
  p.id = id;
  p.given_name = "Ada";
  p.family_name = "Okafor";
  p.date_of_birth = *ParseIsoDate("1948-03-27");
  p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
  p.ethnicity = "Z";
  p.has_unpaid_carer = "not_known";
  p.created_at = at;
  return p;
}

}  // namespace selfdirect::testing
