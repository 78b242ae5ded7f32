// Seeded, portable random numbers for synthetic councils: the same seed gives the same numbers
// on every machine and compiler, so the same seed gives the same council byte for byte.
//
// std:: distributions are not used: the standard fixes their results only for the engines, not
// for uniform_int_distribution and the rest, so they differ between standard libraries.
//
//   Random people = StageStream(seed, "people");   // one stream per stage of the generator
//   int band = people.Below(6);                     // 0 … 5, each equally likely
//   bool yes = people.PerMille(250);                // true a quarter of the time
//   std::size_t i = Choose(people, kTable);         // by the table's integer weights
//
// Each stage of the generator draws from its own stream, derived from the seed and the stage's
// name, so that adding a stage (or changing how many numbers one stage draws) never changes
// what the others generate.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace selfdirect::simulate {

// SplitMix64: one step. Used to seed xoshiro and to mix a stage's name into the seed.
std::uint64_t SplitMix64(std::uint64_t& state);

// xoshiro256** 1.0 (Blackman and Vigna), seeded by SplitMix64.
class Random {
 public:
  explicit Random(std::uint64_t seed);

  // 64 uniformly random bits.
  std::uint64_t Next();
  // A whole number in [0, n), each equally likely (n > 0; rejection sampling, no modulo bias).
  std::uint64_t Below(std::uint64_t n);
  // A whole number in [low, high], both included (low <= high).
  std::int64_t Between(std::int64_t low, std::int64_t high);
  // True with probability per_mille / 1000.
  bool PerMille(std::int64_t per_mille);

 private:
  std::uint64_t s_[4];
};

// The stream for one stage of the generator: the seed mixed with the stage's name (FNV-1a).
Random StageStream(std::uint64_t seed, std::string_view stage);

// A row of a distribution table: a code and its weight (a whole number; only ratios matter).
struct Weighted {
  std::string_view code;
  std::int64_t weight;
};

// The index of a row chosen with probability weight / (sum of weights). The table must have a
// positive total weight.
std::size_t Choose(Random& random, std::span<const Weighted> table);

// Sum of a table's weights.
std::int64_t TotalWeight(std::span<const Weighted> table);

}  // namespace selfdirect::simulate
