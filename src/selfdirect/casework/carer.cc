#include "selfdirect/casework/carer.h"

#include <cctype>

#include "selfdirect/casework/codes.h"
#include "selfdirect/casework/nhs_number.h"
#include "selfdirect/core/text.h"

namespace selfdirect::casework {
namespace {

bool NeedsOfferDate(std::string_view offer) { return offer != "not_yet_offered"; }

}  // namespace

Result<CarerLink> ValidateCarer(const CarerRequest& request, Date today) {
  std::vector<FieldError> errors;
  CarerLink out;
  out.name = Trim(request.name);
  const std::string nhs = Trim(request.nhs_number);
  if (!nhs.empty() && !NormaliseNhsNumber(nhs)) {
    errors.push_back({"nhs_number",
                      "Enter the carer's NHS number as 10 digits, like 485 777 3456, or leave it "
                      "blank"});
  }
  if (out.name.empty() && nhs.empty()) {
    errors.push_back({"name", "Enter the carer's name"});
  } else if (out.name.size() > 200) {
    errors.push_back({"name", "The carer's name must be 200 characters or fewer"});
  }
  if (FindCode(CodeList::kCarerRelationship, request.relationship) == nullptr) {
    errors.push_back({"relationship", "Choose how the carer is related to the person"});
  }
  out.relationship = request.relationship;
  if (request.lives_with != "yes" && request.lives_with != "no") {
    errors.push_back({"lives_with", "Say whether the carer lives with the person"});
  }
  out.lives_with = request.lives_with == "yes";
  out.phone = Trim(request.phone);
  if (out.phone.size() > 40) {
    errors.push_back({"phone", "The phone number must be 40 characters or fewer"});
  }
  if (FindCode(CodeList::kCarerAssessmentOffer, request.assessment_offer) == nullptr) {
    errors.push_back(
        {"assessment_offer", "Say whether the carer has been offered a carer's assessment"});
  } else if (NeedsOfferDate(request.assessment_offer)) {
    auto day = ParseIsoDate(request.offered_on);
    if (request.offered_on.empty()) {
      errors.push_back({"offered_on", "Enter the date the carer's assessment was offered"});
    } else if (!day) {
      errors.push_back(
          {"offered_on",
           "Enter the date the assessment was offered as a real date, like 2026-11-20"});
    } else if (DaysBetween(today, *day) > 0) {
      errors.push_back(
          {"offered_on", "The date the assessment was offered must be today or earlier"});
    } else {
      out.offered_on = *day;
    }
  }
  out.assessment_offer = request.assessment_offer;
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

std::string DescribeCarer(const CarerLink& carer) {
  std::string out = carer.name;
  std::string relationship = LabelOf(CodeList::kCarerRelationship, carer.relationship);
  if (!relationship.empty()) {
    relationship[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(relationship[0])));
    out += " (" + relationship + ")";
  }
  if (carer.lives_with) out += ", lives with them";
  return out;
}

}  // namespace selfdirect::casework
