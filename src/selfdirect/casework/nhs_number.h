// NHS numbers: ten digits, the last a modulus-11 check digit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace selfdirect::casework {

// The ten digits of a valid NHS number written with or without spaces ("943 476 5919",
// "9434765919"); nullopt when it is not ten digits or its check digit is wrong.
//
// The check: multiply the first nine digits by 10, 9, …, 2 and add; 11 minus the remainder
// on dividing by 11 is the check digit (11 counts as 0; 10 means the number is not valid).
std::optional<std::string> NormaliseNhsNumber(std::string_view text);

// "943 476 5919": the way the NHS writes it.
std::string FormatNhsNumber(std::string_view ten_digits);

}  // namespace selfdirect::casework
