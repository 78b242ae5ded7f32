#include "selfdirect/simulate/random.h"

#include <cassert>

namespace selfdirect::simulate {
namespace {

std::uint64_t RotateLeft(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Random::Random(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (std::uint64_t& word : s_) word = SplitMix64(state);
}

std::uint64_t Random::Next() {
  const std::uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

std::uint64_t Random::Below(std::uint64_t n) {
  assert(n > 0);
  // The largest multiple of n that fits in 64 bits; draws at or above it are thrown away.
  const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
  std::uint64_t x = Next();
  while (x >= limit) x = Next();
  return x % n;
}

std::int64_t Random::Between(std::int64_t low, std::int64_t high) {
  assert(low <= high);
  const auto span = static_cast<std::uint64_t>(high - low) + 1;
  return low + static_cast<std::int64_t>(Below(span));
}

bool Random::PerMille(std::int64_t per_mille) {
  if (per_mille <= 0) return false;
  if (per_mille >= 1000) return true;
  return static_cast<std::int64_t>(Below(1000)) < per_mille;
}

Random StageStream(std::uint64_t seed, std::string_view stage) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;  // FNV-1a, 64 bits
  for (char c : stage) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  std::uint64_t state = seed ^ hash;
  return Random(SplitMix64(state));
}

std::int64_t TotalWeight(std::span<const Weighted> table) {
  std::int64_t total = 0;
  for (const Weighted& row : table) total += row.weight;
  return total;
}

std::size_t Choose(Random& random, std::span<const Weighted> table) {
  const std::int64_t total = TotalWeight(table);
  assert(total > 0);
  auto pick = static_cast<std::int64_t>(random.Below(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (pick < table[i].weight) return i;
    pick -= table[i].weight;
  }
  return table.size() - 1;
}

}  // namespace selfdirect::simulate
