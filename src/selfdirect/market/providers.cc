#include "selfdirect/market/providers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "selfdirect/core/text.h"

namespace selfdirect::market {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Characters, not bytes, so that a name in Welsh or with an accent is measured as people see it.
std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool IsPhone(std::string_view text) {
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-') {
      return false;
    }
  }
  return digits >= 3;
}

bool IsEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size()) return false;
  if (text.find('@', at + 1) != std::string_view::npos) return false;
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

const char* CqcRatingName(CqcRating rating) {
  switch (rating) {
    case CqcRating::kOutstanding:
      return "outstanding";
    case CqcRating::kGood:
      return "good";
    case CqcRating::kRequiresImprovement:
      return "requires_improvement";
    case CqcRating::kInadequate:
      return "inadequate";
    case CqcRating::kNotYetRated:
      return "not_yet_rated";
  }
  return "not_yet_rated";
}

const char* CqcRatingLabel(CqcRating rating) {
  switch (rating) {
    case CqcRating::kOutstanding:
      return "Outstanding";
    case CqcRating::kGood:
      return "Good";
    case CqcRating::kRequiresImprovement:
      return "Requires improvement";
    case CqcRating::kInadequate:
      return "Inadequate";
    case CqcRating::kNotYetRated:
      return "Not yet rated";
  }
  return "Not yet rated";
}

std::optional<CqcRating> ParseCqcRating(std::string_view text) {
  for (CqcRating r : {CqcRating::kOutstanding, CqcRating::kGood, CqcRating::kRequiresImprovement,
                      CqcRating::kInadequate, CqcRating::kNotYetRated}) {
    if (text == CqcRatingName(r)) return r;
  }
  return std::nullopt;
}

int CqcRatingRank(CqcRating rating) {
  switch (rating) {
    case CqcRating::kOutstanding:
      return 4;
    case CqcRating::kGood:
      return 3;
    case CqcRating::kRequiresImprovement:
      return 2;
    case CqcRating::kInadequate:
      return 1;
    case CqcRating::kNotYetRated:
      return 0;
  }
  return 0;
}

bool IsCqcLocationId(std::string_view text) {
  if (text.size() < 3 || text.size() > 17 || text.substr(0, 2) != "1-") return false;
  return AllDigits(text.substr(2));
}

const char* ContractKindName(ContractKind kind) {
  return kind == ContractKind::kFramework ? "framework" : "spot";
}
const char* ContractKindLabel(ContractKind kind) {
  return kind == ContractKind::kFramework ? "Framework contract" : "Spot purchase";
}
std::optional<ContractKind> ParseContractKind(std::string_view text) {
  if (text == "framework") return ContractKind::kFramework;
  if (text == "spot") return ContractKind::kSpot;
  return std::nullopt;
}

const char* DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kInsurance:
      return "insurance";
    case DocumentKind::kContract:
      return "contract";
    case DocumentKind::kOther:
      return "other";
  }
  return "other";
}
const char* DocumentKindLabel(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kInsurance:
      return "Insurance";
    case DocumentKind::kContract:
      return "Contract";
    case DocumentKind::kOther:
      return "Other document";
  }
  return "Other document";
}
std::optional<DocumentKind> ParseDocumentKind(std::string_view text) {
  for (DocumentKind k : {DocumentKind::kInsurance, DocumentKind::kContract, DocumentKind::kOther}) {
    if (text == DocumentKindName(k)) return k;
  }
  return std::nullopt;
}

std::string NameKey(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Result<Provider> ValidateProvider(const ProviderRequest& r, Date today) {
  std::vector<FieldError> errors;
  Provider p;
  p.name = Trim(r.name);
  if (p.name.empty()) {
    errors.push_back({"name", "Enter the provider's name"});
  } else if (Characters(p.name) > 140) {
    errors.push_back({"name", "The name must be 140 characters or fewer"});
  }
  p.description = Trim(r.description);
  if (Characters(p.description) > 2000) {
    errors.push_back({"description", "The description must be 2,000 characters or fewer"});
  }

  p.cqc_location_id = Trim(r.cqc_location_id);
  if (!p.cqc_location_id.empty() && !IsCqcLocationId(p.cqc_location_id)) {
    errors.push_back({"cqc_location_id",
                      "A CQC location id is \"1-\" followed by digits, like 1-101641578: copy it "
                      "from the provider's page on the CQC website, or leave it empty if they are "
                      "not registered with the CQC"});
  }
  const std::string rating = Trim(r.cqc_rating);
  if (!rating.empty()) {
    p.cqc_rating = ParseCqcRating(rating);
    if (!p.cqc_rating) {
      errors.push_back({"cqc_rating",
                        "Choose outstanding, good, requires improvement, inadequate or not yet "
                        "rated"});
    } else if (p.cqc_location_id.empty()) {
      errors.push_back({"cqc_rating",
                        "A CQC rating needs the provider's CQC location id: enter it, or leave the "
                        "rating empty"});
    }
  }
  const std::string rated_on = Trim(r.cqc_rated_on);
  if (!rated_on.empty()) {
    auto day = ParseIsoDate(rated_on);
    if (!day) {
      errors.push_back({"cqc_rated_on", "Enter the date of the rating as YYYY-MM-DD"});
    } else if (today < *day) {
      errors.push_back({"cqc_rated_on", "The date of the rating cannot be in the future"});
    } else if (!p.cqc_rating) {
      if (rating.empty()) {
        errors.push_back({"cqc_rated_on", "Only a rating has a date: choose the rating too"});
      }
    } else if (*p.cqc_rating == CqcRating::kNotYetRated) {
      errors.push_back(
          {"cqc_rated_on", "A provider not yet rated has no date of rating: leave the date empty"});
    } else {
      p.cqc_rated_on = *day;
    }
  } else if (p.cqc_rating && *p.cqc_rating != CqcRating::kNotYetRated) {
    errors.push_back({"cqc_rated_on", "Enter the date of the CQC rating, as on its report"});
  }

  if (r.areas.size() > kMaxAreas) {
    errors.push_back({"areas", "A provider may list at most 50 areas"});
  } else {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < r.areas.size(); ++i) {
      const std::string code = Trim(r.areas[i]);
      if (code.empty()) continue;
      bool ok = code.size() <= 40;
      for (char c : code) {
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
      }
      if (!ok) {
        errors.push_back({fmt::format("areas[{}]", i),
                          "An area is the council's code for it: letters, digits, \"-\" or \"_\", "
                          "up to 40 characters"});
      } else if (seen.insert(code).second) {
        p.areas.push_back(code);
      }
    }
  }

  p.phone = Trim(r.phone);
  p.email = Trim(r.email);
  p.address = Trim(r.address);
  if (!p.phone.empty() && (p.phone.size() > 30 || !IsPhone(p.phone))) {
    errors.push_back({"phone", "Enter a phone number using digits, spaces, +, ( ) and -"});
  }
  if (!p.email.empty() && (p.email.size() > 254 || !IsEmail(p.email))) {
    errors.push_back({"email", "Enter an email address like name@example.org"});
  }
  if (Characters(p.address) > 500) {
    errors.push_back({"address", "The address must be 500 characters or fewer"});
  }
  if (p.phone.empty() && p.email.empty() && p.address.empty()) {
    errors.push_back({"phone",
                      "Enter at least one way to contact the provider: a phone number, "
                      "an email address or an address"});
  }
  const std::string contract = Trim(r.contract);
  if (!contract.empty()) {
    auto kind = ParseContractKind(contract);
    if (!kind) {
      errors.push_back({"contract", "Choose framework or spot"});
    } else {
      p.contract = *kind;
    }
  }

  if (r.documents.size() > kMaxDocuments) {
    errors.push_back({"documents", "A provider may have at most 20 documents"});
  } else {
    for (std::size_t i = 0; i < r.documents.size(); ++i) {
      const DocumentRequest& d = r.documents[i];
      const std::string at = fmt::format("documents[{}].", i);
      ProviderDocument doc;
      auto kind = ParseDocumentKind(Trim(d.kind));
      if (!kind) {
        errors.push_back({at + "kind", "Choose insurance, contract or other"});
      } else {
        doc.kind = *kind;
      }
      doc.title = Trim(d.title);
      if (doc.title.empty()) {
        errors.push_back({at + "title",
                          "Say what the document is, like \"Public liability "
                          "insurance\""});
      } else if (Characters(doc.title) > 140) {
        errors.push_back({at + "title", "The title must be 140 characters or fewer"});
      }
      auto expires = ParseIsoDate(Trim(d.expires_on));
      if (!expires) {
        errors.push_back({at + "expires_on", "Enter the date the document expires as YYYY-MM-DD"});
      } else {
        doc.expires_on = *expires;
      }
      p.documents.push_back(std::move(doc));
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return p;
}

std::vector<ExpiringDocument> DocumentsExpiring(std::span<const Provider> providers, Date today,
                                                int within_days) {
  const Date last = AddDays(today, std::max(within_days, 0));
  std::vector<ExpiringDocument> out;
  for (const Provider& p : providers) {
    for (const ProviderDocument& d : p.documents) {
      if (last < d.expires_on) continue;
      out.push_back({p.id, p.name, d, DaysBetween(today, d.expires_on)});
    }
  }
  std::sort(out.begin(), out.end(), [](const ExpiringDocument& a, const ExpiringDocument& b) {
    if (a.days_left != b.days_left) return a.days_left < b.days_left;
    if (a.provider_name != b.provider_name) return a.provider_name < b.provider_name;
    return a.document.title < b.document.title;
  });
  return out;
}

std::string ExpiryWords(const ExpiringDocument& d) {
  const std::string when = FormatLongDate(d.document.expires_on);
  if (d.days_left < 0) {
    const int ago = -d.days_left;
    return fmt::format("Expired on {} ({} day{} ago)", when, ago, ago == 1 ? "" : "s");
  }
  if (d.days_left == 0) return "Expires today";
  return fmt::format("Expires in {} day{} ({})", d.days_left, d.days_left == 1 ? "" : "s", when);
}

}  // namespace selfdirect::market
