#include "selfdirect/access/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <string>

namespace selfdirect {
namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::int64_t kStep = 30;

std::string UriEscape(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  if (sodium_init() < 0) std::abort();
  std::array<std::uint8_t, 20> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out;
  int buffer = 0, bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::vector<std::uint8_t>> DecodeBase32(std::string_view text) {
  std::vector<std::uint8_t> out;
  int buffer = 0, bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const char* at = std::char_traits<char>::find(kBase32, 32, c);
    if (at == nullptr) return std::nullopt;
    buffer = ((buffer << 5) | static_cast<int>(at - kBase32)) & 0xFFFF;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string TotpCode(const std::vector<std::uint8_t>& key, std::int64_t unix_seconds, int digits) {
  const std::uint64_t counter = static_cast<std::uint64_t>(unix_seconds / kStep);
  std::array<unsigned char, 8> message{};
  for (int i = 7, shift = 0; i >= 0; --i, shift += 8) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>((counter >> shift) & 0xFF);
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
       mac.data(), &mac_len);
  const int offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  while (static_cast<int>(code.size()) < digits) code.insert(code.begin(), '0');
  return code;
}

std::optional<std::int64_t> VerifyTotp(const std::string& base32_secret, std::string_view code,
                                       Timestamp now, std::int64_t last_used_step) {
  std::string digits;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != 6) return std::nullopt;
  auto key = DecodeBase32(base32_secret);
  if (!key || key->empty()) return std::nullopt;
  const std::int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t step = seconds / kStep;
  for (std::int64_t s : {step, step - 1, step + 1}) {
    if (s <= last_used_step) continue;
    const std::string expected = TotpCode(*key, s * kStep);
    if (sodium_memcmp(expected.data(), digits.data(), 6) == 0) return s;
  }
  return std::nullopt;
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) +
         "?secret=" + std::string(base32_secret) + "&issuer=" + UriEscape(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace selfdirect
