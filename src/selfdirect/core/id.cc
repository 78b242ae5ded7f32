#include "selfdirect/core/id.h"

#include <random>

#include "selfdirect/core/pence.h"

namespace selfdirect {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool InAlphabet(char c) {
  for (const char* p = kAlphabet; *p; ++p) {
    if (*p == c) return true;
  }
  return false;
}

void OsRandom(std::uint8_t* bytes, std::size_t count) {
  static thread_local std::random_device device;  // /dev/urandom on Linux
  for (std::size_t i = 0; i < count; ++i) bytes[i] = static_cast<std::uint8_t>(device());
}

}  // namespace

bool IsUlid(std::string_view text) {
  if (text.size() != 26) return false;
  if (text[0] < '0' || text[0] > '7') return false;
  for (char c : text) {
    if (!InAlphabet(c)) return false;
  }
  return true;
}

bool IsCallerKey(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == ':' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

UlidGenerator::UlidGenerator(const Clock& clock, RandomSource random)
    : clock_(clock), random_(random ? std::move(random) : RandomSource(OsRandom)) {}

std::string UlidGenerator::Next() {
  std::int64_t ms = clock_.Now().time_since_epoch().count();
  std::array<std::uint8_t, 10> rnd{};
  {
    std::lock_guard lock(mu_);
    if (ms <= last_ms_) {
      // Same (or earlier) millisecond: keep the time and increment the random part so that
      // ids stay strictly increasing.
      ms = last_ms_;
      rnd = last_random_;
      for (int i = 9; i >= 0; --i) {
        if (++rnd[static_cast<std::size_t>(i)] != 0) break;
        if (i == 0) ++ms;  // 80-bit overflow: move to the next millisecond
      }
    } else {
      random_(rnd.data(), rnd.size());
    }
    last_ms_ = ms;
    last_random_ = rnd;
  }
  // 128 bits: 48 of time, 80 of randomness, written as 26 base-32 digits (130 bits, top 2 zero).
  UInt128 value = static_cast<UInt128>(ms & 0xFFFFFFFFFFFF) << 80;
  for (int i = 0; i < 10; ++i) {
    value |= static_cast<UInt128>(rnd[static_cast<std::size_t>(i)]) << (8 * (9 - i));
  }
  std::string out(26, '0');
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kAlphabet[static_cast<int>(value & 31)];
    value >>= 5;
  }
  return out;
}

}  // namespace selfdirect
