// Made-up names, addresses and languages for synthetic people. The streets, towns and postcode
// district of the demo council are fictional; phone numbers are Ofcom's drama range and NHS
// numbers the 999 range reserved for testing (council.cc), so nothing names a real person.
#pragma once

#include <string>
#include <string_view>

#include "selfdirect/simulate/random.h"

namespace selfdirect::simulate {

struct Names {
  std::string given;
  std::string family;
};

// A given name fitting gender and a rough birth cohort, and a family name; lists differ a
// little by ethnic group so that a record reads naturally.
Names NameFor(Random& random, std::string_view gender, std::string_view ethnicity, int age);

struct Address {
  std::string lines;     // "14 Mill Lane, Ashby Vale"
  std::string postcode;  // "DZ4 7QB"
  std::string town;      // "Ashby Vale": the area, for equity by area
};

Address AddressFor(Random& random);

// A language a person of this ethnic group might need an interpreter for.
std::string_view InterpreterLanguage(Random& random, std::string_view ethnicity);

// A personal assistant's name ("Sam Patel").
std::string AssistantName(Random& random);

}  // namespace selfdirect::simulate
