// The provider register (issue #7, docs/market.md): the organisations a council's budget holders
// and self-funders may buy support from, with their CQC registration and rating, the areas they
// serve, how to contact them, whether the council holds a framework contract with them or buys
// "spot", and their documents (insurance, contract) with expiry dates so that nobody is paid on a
// lapsed policy.
//
//   auto provider = ValidateProvider(request);      // every problem named by its field
//   if (!provider) show(provider.error().fields);
//   for (const ExpiringDocument& d : DocumentsExpiring(providers, today, 30)) remind(d);
//
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect {
// Declared here rather than in core/id.h so that the market's ids do not rebuild every file.
using ProviderId = Id<struct ProviderTag>;
using ServiceId = Id<struct ServiceTag>;
}  // namespace selfdirect

namespace selfdirect::market {

// ----- CQC ratings -----

enum class CqcRating {
  kOutstanding,
  kGood,
  kRequiresImprovement,
  kInadequate,
  kNotYetRated,
};
// "outstanding", "good", "requires_improvement", "inadequate", "not_yet_rated" (stored, API).
const char* CqcRatingName(CqcRating rating);
// "Outstanding", "Good", "Requires improvement", "Inadequate", "Not yet rated".
const char* CqcRatingLabel(CqcRating rating);
std::optional<CqcRating> ParseCqcRating(std::string_view text);
// Outstanding 4, good 3, requires improvement 2, inadequate 1, not yet rated 0: a provider
// meets a minimum rating when its rank is at least the minimum's. A provider not yet rated (or
// not registered with the CQC at all) meets no minimum.
int CqcRatingRank(CqcRating rating);

// True for a CQC location id: "1-" followed by 1 to 15 digits ("1-101641578").
bool IsCqcLocationId(std::string_view text);

// ----- Contracts and documents -----

enum class ContractKind { kFramework, kSpot };
const char* ContractKindName(ContractKind kind);   // "framework" | "spot"
const char* ContractKindLabel(ContractKind kind);  // "Framework contract" | "Spot purchase"
std::optional<ContractKind> ParseContractKind(std::string_view text);

enum class DocumentKind { kInsurance, kContract, kOther };
const char* DocumentKindName(DocumentKind kind);   // "insurance" | "contract" | "other"
const char* DocumentKindLabel(DocumentKind kind);  // "Insurance" | "Contract" | "Other document"
std::optional<DocumentKind> ParseDocumentKind(std::string_view text);

struct ProviderDocument {
  DocumentKind kind = DocumentKind::kOther;
  std::string title;  // "Public liability insurance", up to 140 characters
  Date expires_on;

  friend bool operator==(const ProviderDocument&, const ProviderDocument&) = default;
};

// ----- The provider -----

struct Provider {
  CouncilId council;
  ProviderId id;
  std::string name;             // up to 140 characters
  std::string description;      // what they do, in their words; up to 2,000 characters
  std::string cqc_location_id;  // "" when not registered with the CQC (a gym, a club)
  std::optional<CqcRating> cqc_rating;
  std::optional<Date> cqc_rated_on;  // the date of the rating; none when not yet rated
  std::vector<std::string> areas;    // the council's own area or locality codes ("north")
  std::string phone, email, address;
  ContractKind contract = ContractKind::kSpot;
  std::vector<ProviderDocument> documents;
  Timestamp created_at;
  Timestamp updated_at;
};

// What a caller sends: text as typed, so that every problem can be named.
struct DocumentRequest {
  std::string kind, title, expires_on;
};
struct ProviderRequest {
  std::string name, description, cqc_location_id, cqc_rating, cqc_rated_on;
  std::vector<std::string> areas;
  std::string phone, email, address, contract;
  std::vector<DocumentRequest> documents;
};

inline constexpr std::size_t kMaxAreas = 50;
inline constexpr std::size_t kMaxDocuments = 20;

// Checks every field and returns the provider (council, id and times left for the caller).
// Problems, each named: "name" (1 to 140 characters); "description" (up to 2,000);
// "cqc_location_id" (empty, or "1-" and digits); "cqc_rating" (one of the five, and only with a
// CQC location id); "cqc_rated_on" (a real date, not in the future, only with a rating other than
// not yet rated, and needed with one); "areas" / "areas[N]" (up to 50 codes of letters, digits,
// "-" and "_", up to 40 characters each; repeats are dropped); "phone" (digits, spaces, "+",
// "(", ")" and "-", up to 30); "email" (one "@" with text either side, up to 254); "address"
// (up to 500); "contract" ("framework" or "spot"; empty means spot); "documents[N].kind",
// "documents[N].title", "documents[N].expires_on" (up to 20 documents). At least one way to
// contact the provider (phone, email or address) is needed: "phone" names that problem.
Result<Provider> ValidateProvider(const ProviderRequest& request, Date today);

// The form names are compared in, for spotting the same provider written another way: lower
// case, single spaces, no spaces at either end.
std::string NameKey(std::string_view name);

// ----- Reminders -----

struct ExpiringDocument {
  ProviderId provider;
  std::string provider_name;
  ProviderDocument document;
  int days_left = 0;  // negative once expired; 0 on the day it expires
  bool expired() const { return days_left < 0; }
};

// Every document of these providers that has expired by `today` (expires_on before today) or
// expires within `within_days` days of it (today to today + within_days, both included),
// soonest first (then by provider name and title). within_days below 0 counts as 0.
std::vector<ExpiringDocument> DocumentsExpiring(std::span<const Provider> providers, Date today,
                                                int within_days);

// "Expired on 3 November 2026 (20 days ago)", "Expires today", "Expires in 12 days (5 December
// 2026)": the reminder's words for a commissioner.
std::string ExpiryWords(const ExpiringDocument& document);

}  // namespace selfdirect::market
