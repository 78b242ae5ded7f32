// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the codes
// authenticator apps show. Available to every user; required for administrators when the
// deployment says so.
//
//   std::string secret = NewTotpSecret();                 // base 32, given to the app once
//   std::string uri = TotpUri("selfdirect (Westminster)", "ada@example.org", secret);
//   std::optional<std::int64_t> step = VerifyTotp(secret, "123456", now, last_used_step);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/clock.h"

namespace selfdirect {

// 20 random bytes in RFC 4648 base 32, without padding (32 characters).
std::string NewTotpSecret();

std::optional<std::vector<std::uint8_t>> DecodeBase32(std::string_view text);

// The code for a given Unix time, as RFC 6238 computes it (digits 6 or 8).
std::string TotpCode(const std::vector<std::uint8_t>& key, std::int64_t unix_seconds,
                     int digits = 6);

// Checks a code against the current step and one step either side (clock drift). Returns the
// step it matched, which must be later than `last_used_step` (a code works only once).
std::optional<std::int64_t> VerifyTotp(const std::string& base32_secret, std::string_view code,
                                       Timestamp now, std::int64_t last_used_step);

// otpauth://totp/… for a QR code or for typing into an authenticator app.
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret);

}  // namespace selfdirect
