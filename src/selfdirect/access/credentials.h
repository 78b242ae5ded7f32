// Passwords, one-time links, session ids and API tokens.
//
// Passwords are hashed with argon2id (libsodium's crypto_pwhash_str) and checked against the
// rules of current NCSC guidance: at least 12 characters, not a commonly used password, and no
// composition rules. Secrets handed to a client (session ids, one-time links, API tokens) are
// 256 random bits; only their SHA-256 hash is stored, so a stolen database holds no usable
// secret.
#pragma once

#include <string>
#include <string_view>

#include "selfdirect/core/result.h"

namespace selfdirect {

// How hard argon2id works. Production uses at least libsodium's MODERATE; tests use the minimum.
enum class HashStrength { kMinimum, kModerate };

// Checks a new password against the rules; the message says what to do instead.
// `email` stops a password that is just the user's address.
Status CheckNewPassword(std::string_view password, std::string_view email);

// True when the password (any letter case) is on the shipped list of common passwords.
bool IsCommonPassword(std::string_view password);

// An argon2id hash string ("$argon2id$v=19$m=…"). Fails only when memory cannot be had.
Result<std::string> HashPassword(std::string_view password, HashStrength strength);

// Constant-time check of a password against a stored hash string.
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// A hash to verify against when there is no user, so that a wrong address takes as long as a
// wrong password.
const std::string& DummyPasswordHash(HashStrength strength);

// 32 random bytes as 43 characters of URL-safe base 64 (no padding).
std::string NewSecret();

// Lower-case hex SHA-256 of the text.
std::string Sha256Hex(std::string_view text);

// Constant-time comparison of two strings of any length.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace selfdirect
