#include "selfdirect/access/credentials.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>

namespace selfdirect {
namespace detail {
// Generated at build time from Debian's zxcvbn password list (cmake/embed_passwords.cmake):
// every listed password of 12 or more characters, lower case, sorted.
extern const char* const kCommonPasswords[];
extern const std::size_t kCommonPasswordCount;
}  // namespace detail

namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no entropy source: nothing here can be safe
  });
}

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  const std::string lower = Lower(password);
  const auto* begin = detail::kCommonPasswords;
  const auto* end = detail::kCommonPasswords + detail::kCommonPasswordCount;
  return std::binary_search(begin, end, lower,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

Status CheckNewPassword(std::string_view password, std::string_view email) {
  if (CodePoints(password) < 12) {
    return FailFields({{"password",
                        "Your password must be at least 12 characters long. "
                        "Three random words together make a good one."}});
  }
  if (password.size() > 512) {
    return FailFields({{"password", "Your password must be 512 characters or fewer"}});
  }
  if (IsCommonPassword(password) || (!email.empty() && Lower(password) == Lower(email))) {
    return FailFields({{"password",
                        "That password is too easy to guess because many people use "
                        "it. Choose something else, such as three random words."}});
  }
  return Ok();
}

Result<std::string> HashPassword(std::string_view password, HashStrength strength) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  const bool moderate = strength == HashStrength::kModerate;
  const auto ops = moderate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_MIN;
  const auto mem = moderate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kUnavailable, "Not enough memory to hash the password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& stored_hash) {
  EnsureSodium();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash(HashStrength strength) {
  static const std::string kMinimum = *HashPassword("no such user: dummy", HashStrength::kMinimum);
  static const std::string kModerate =
      *HashPassword("no such user: dummy", HashStrength::kModerate);
  return strength == HashStrength::kModerate ? kModerate : kMinimum;
}

std::string NewSecret() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out.data());
}

std::string Sha256Hex(std::string_view text) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  // Compare hashes so that the lengths are equal and the comparison is constant-time.
  const std::string ha = Sha256Hex(a);
  const std::string hb = Sha256Hex(b);
  return sodium_memcmp(ha.data(), hb.data(), ha.size()) == 0;
}

}  // namespace selfdirect
