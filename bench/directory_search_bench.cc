// Searching the directory (docs/market.md): 10,000 providers and 100,000 services, made here the
// same each run, in a fresh SQLite database; then 1,000 mixed searches (words alone; words with a
// need area, an area, a day, a highest price or a lowest CQC rating; filters alone; and words
// that match nothing), each timed, through SqliteMarketRepository::Search — the store query
// behind GET /api/directory/search, with its count and its page of 20. Printed: p50 and p99 in
// milliseconds beside the baseline, a plain FTS5 MATCH of the same words with no filters, no
// join and no count (`SELECT rowid FROM directory_text WHERE directory_text MATCH ? LIMIT 20`),
// and the ratio. The target is a p99 of 30 ms or less. The machine's load average is printed first
// and each search's CPU time beside its time, since on a shared machine the two differ.
// SELFDIRECT_BENCH_RESULTS=FILE writes each search and what it found (count, "more", the page's
// service ids), one line each, to compare two versions of Search.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "selfdirect/store/sqlite_market.h"
#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect {
namespace {

using Steady = std::chrono::steady_clock;

constexpr int kProviders = 10'000;
constexpr int kServicesPerProvider = 10;
constexpr int kSearches = 1'000;

const char* kWords[] = {"help",    "home",   "care",   "day",     "centre",   "night",
                        "sitting", "garden", "swim",   "art",     "music",    "walk",
                        "cooking", "lunch",  "club",   "respite", "break",    "coach",
                        "work",    "travel", "friend", "bath",    "shopping", "reading"};
const char* kAreas[] = {"north", "south", "east", "west", "central", "coast", "valley", "town"};
const char* kNeeds[] = {"nutrition",   "hygiene",        "toilet",        "clothing",
                        "home_safety", "habitable_home", "relationships", "work_learning",
                        "community",   "recreation"};
const market::ServiceType kTypes[] = {
    market::ServiceType::kHomeCare,          market::ServiceType::kDayCentre,
    market::ServiceType::kRespite,           market::ServiceType::kCommunityActivity,
    market::ServiceType::kEmploymentSupport, market::ServiceType::kTransport};

template <typename T, std::size_t N>
const T& Pick(std::mt19937_64& random, const T (&list)[N]) {
  return list[random() % N];
}

void Fill(store::SqliteStore& s, const CouncilId& council) {
  std::mt19937_64 random(20261123);
  const Timestamp now = ParseTimestamp("2026-11-23T09:00:00.000Z").value();
  auto written = s.Write([&](store::Transaction& tx) -> Status {
    if (auto c = tx.Councils().CreateCouncil({council, "E06000001", "Hartlepool", now}); !c)
      return c;
    std::int64_t next_service = 0;
    for (int p = 0; p < kProviders; ++p) {
      market::Provider provider;
      provider.council = council;
      char id[48];
      std::snprintf(id, sizeof id, "01JD0000000000000P%08d", p);
      provider.id = ProviderId(id);
      provider.name =
          std::string(Pick(random, kWords)) + " " + Pick(random, kWords) + " " + std::to_string(p);
      provider.description = std::string("We offer ") + Pick(random, kWords) + " and " +
                             Pick(random, kWords) + " for people in the " + Pick(random, kAreas);
      if (p % 3 != 0) {
        provider.cqc_location_id = "1-" + std::to_string(1'000'000'000 + p);
        provider.cqc_rating = static_cast<market::CqcRating>(random() % 5);
        if (*provider.cqc_rating != market::CqcRating::kNotYetRated) {
          provider.cqc_rated_on = *ParseIsoDate("2025-06-01");
        }
      }
      provider.areas = {Pick(random, kAreas), Pick(random, kAreas)};
      if (provider.areas[0] == provider.areas[1]) provider.areas.pop_back();
      provider.phone = "01632 960 000";
      provider.created_at = provider.updated_at = now;
      if (auto a = tx.Market().AddProvider(provider); !a) return a;
      for (int k = 0; k < kServicesPerProvider; ++k) {
        market::Service service;
        service.council = council;
        std::snprintf(id, sizeof id, "01JD000000000000S%09lld",
                      static_cast<long long>(next_service++));
        service.id = ServiceId(id);
        service.provider = provider.id;
        service.what = std::string(Pick(random, kWords)) + " " + Pick(random, kWords);
        service.description =
            std::string("A ") + Pick(random, kWords) + " service with " + Pick(random, kWords);
        service.unit = static_cast<market::ServiceUnit>(random() % 5);
        service.price = Pence(500 + static_cast<std::int64_t>(random() % 15'000));
        service.days = static_cast<std::uint8_t>(1 + random() % 127);
        service.need_areas = {Pick(random, kNeeds)};
        service.type = Pick(random, kTypes);
        service.approved = random() % 2 == 0;
        service.created_at = service.updated_at = now;
        if (auto a = tx.Market().AddService(service); !a) return a;
      }
    }
    return Ok();
  });
  if (!written) {
    std::fprintf(stderr, "making the directory failed: %s\n", written.error().message.c_str());
    std::exit(1);
  }
}

std::vector<market::DirectoryQuery> Queries() {
  std::mt19937_64 random(7);
  std::vector<market::DirectoryQuery> out;
  for (int i = 0; i < kSearches; ++i) {
    market::DirectoryQuery q;
    switch (i % 8) {
      case 0:
        q.words = {Pick(random, kWords)};
        break;
      case 1:
        q.words = {Pick(random, kWords), Pick(random, kWords)};
        break;
      case 2:
        q.words = {Pick(random, kWords)};
        q.need_area = Pick(random, kNeeds);
        break;
      case 3:
        q.words = {Pick(random, kWords)};
        q.area = Pick(random, kAreas);
        q.day = static_cast<market::Weekday>(random() % 7);
        break;
      case 4:
        q.words = {std::string(Pick(random, kWords)).substr(0, 3)};  // a prefix
        q.max_price = Pence(2'000);
        break;
      case 5:
        q.words = {Pick(random, kWords)};
        q.min_rating = market::CqcRating::kGood;
        break;
      case 6:
        q.need_area = Pick(random, kNeeds);
        q.area = Pick(random, kAreas);
        q.max_price = Pence(5'000);
        break;
      default:
        q.words = {"zzzz", Pick(random, kWords)};  // matches nothing
        break;
    }
    out.push_back(std::move(q));
  }
  return out;
}

// This thread's CPU time in milliseconds.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};

Percentiles Of(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double share) {
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(share * static_cast<double>(ms.size())))];
  };
  return {at(0.50), at(0.99)};
}

}  // namespace
}  // namespace selfdirect

int main() {
  using namespace selfdirect;
  testing::TempDir dir;
  // SELFDIRECT_BENCH_DB=FILE keeps the directory in FILE and, when FILE exists, searches it
  // again without making it (for looking at query plans between runs).
  const char* kept = std::getenv("SELFDIRECT_BENCH_DB");
  const bool reuse = kept != nullptr && std::filesystem::exists(kept);
  auto db = store::Database::Open(
      {.path = kept != nullptr ? std::string(kept) : dir.File("directory.db"), .readers = 1});
  if (!db) return 1;
  FixedClock clock(ParseTimestamp("2026-11-23T09:00:00.000Z").value());
  if (!store::Migrate(**db, clock)) return 1;
  store::SqliteStore s(**db);
  const CouncilId council("01JD000000000000000000C0U1");
  if (!reuse) {
    const auto made = Steady::now();
    Fill(s, council);
    std::printf("made %d providers and %d services in %.1f s\n", kProviders,
                kProviders * kServicesPerProvider,
                std::chrono::duration<double>(Steady::now() - made).count());
  }

  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3) {
    std::printf("load average %.2f, %.2f, %.2f\n", load[0], load[1], load[2]);
  }
  const auto queries = Queries();
  std::vector<double> searched, searched_cpu, baseline;
  std::int64_t found = 0;
  std::FILE* results = nullptr;
  if (const char* file = std::getenv("SELFDIRECT_BENCH_RESULTS")) results = std::fopen(file, "w");
  for (const market::DirectoryQuery& q : queries) {
    const auto start = Steady::now();
    const double start_cpu = CpuMs();
    auto ok = s.Read([&](store::Transaction& tx) -> Status {
      auto r = tx.Market().Search(council, q);
      if (!r) return tl::unexpected(r.error());
      found += r->total;
      if (results != nullptr) {
        std::fprintf(results, "%s|%s|%s|%d|%lld|%d|%lld|%d|", market::Searched(q).c_str(),
                     q.need_area.c_str(), q.area.c_str(), q.day ? static_cast<int>(*q.day) : -1,
                     q.max_price ? static_cast<long long>(q.max_price->value()) : -1LL,
                     q.min_rating ? market::CqcRatingRank(*q.min_rating) : -1,
                     static_cast<long long>(r->total), r->more ? 1 : 0);
        for (const market::DirectoryHit& hit : r->hits) {
          std::fprintf(results, " %s", hit.service.id.str().c_str());
        }
        std::fprintf(results, "\n");
      }
      return Ok();
    });
    searched.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
    searched_cpu.push_back(CpuMs() - start_cpu);
    if (!ok) {
      std::fprintf(stderr, "search failed: %s\n", ok.error().message.c_str());
      return 1;
    }
    // The baseline: the same words straight to FTS5, nothing else (filters alone have none).
    if (q.words.empty()) continue;
    const std::string match = store::SqliteMarketRepository::MatchExpression(q.words);
    const auto base_start = Steady::now();
    auto base = (*db)->Read([&](store::Connection& c) -> Status {
      auto st =
          c.Prepare("SELECT rowid FROM directory_text WHERE directory_text MATCH $1 LIMIT 20");
      if (!st) return tl::unexpected(st.error());
      st->Bind(match);
      for (;;) {
        auto row = st->Step();
        if (!row) return tl::unexpected(row.error());
        if (!*row) return Ok();
      }
    });
    baseline.push_back(
        std::chrono::duration<double, std::milli>(Steady::now() - base_start).count());
    if (!base) return 1;
  }
  if (results != nullptr) std::fclose(results);
  const Percentiles a = Of(searched), b = Of(baseline);
  // Each kind of query (Queries' cases) on its own, to see which is slow.
  constexpr const char* kKinds[] = {
      "one word",       "two words",         "word + need area",  "word + area + day",
      "prefix + price", "word + CQC rating", "filters, no words", "words matching nothing"};
  for (int kind = 0; kind < 8; ++kind) {
    std::vector<double> these, these_cpu;
    for (std::size_t i = static_cast<std::size_t>(kind); i < searched.size(); i += 8) {
      these.push_back(searched[i]);
      these_cpu.push_back(searched_cpu[i]);
    }
    const Percentiles k = Of(these), cpu = Of(these_cpu);
    std::printf("  %-24s p50 %8.2f ms  p99 %8.2f ms   CPU p50 %6.2f ms  p99 %6.2f ms\n",
                kKinds[kind], k.p50, k.p99, cpu.p50, cpu.p99);
  }
  const Percentiles all_cpu = Of(searched_cpu);
  std::printf("  %-24s                                 CPU p50 %6.2f ms  p99 %6.2f ms\n", "all",
              all_cpu.p50, all_cpu.p99);
  std::printf("%d searches, %lld services matched in all\n", kSearches,
              static_cast<long long>(found));
  std::printf("\n%-36s %10s %10s %12s %12s %8s\n", "benchmark", "p50 ms", "p99 ms", "base p50 ms",
              "base p99 ms", "p99 ratio");
  std::printf("%-36s %10.2f %10.2f %12.2f %12.2f %7.2fx\n", "DirectorySearch (target p99 <= 30)",
              a.p50, a.p99, b.p50, b.p99, a.p99 / b.p99);
  return 0;
}
