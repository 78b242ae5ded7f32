#include "selfdirect/simulate/names.h"

#include <fmt/format.h>

#include <span>

namespace selfdirect::simulate {
namespace {

using Names_ = std::span<const std::string_view>;

constexpr std::string_view kOlderWomen[] = {"Margaret", "Jean",    "Patricia", "Mary",    "Joan",
                                            "Barbara",  "Sheila",  "Maureen",  "Brenda",  "Irene",
                                            "Doreen",   "Pauline", "Eileen",   "Valerie", "Dorothy",
                                            "Betty",    "Sylvia",  "Audrey"};
constexpr std::string_view kOlderMen[] = {
    "John",   "David",   "Michael", "Peter", "Robert", "Brian", "Alan", "Kenneth", "Derek",
    "Ronald", "Terence", "Raymond", "Keith", "George", "Colin", "Roy",  "Dennis",  "Frank"};
constexpr std::string_view kYoungerWomen[] = {
    "Sarah",   "Emma",   "Laura",  "Rebecca", "Chloe",   "Hannah", "Lucy",   "Amy", "Gemma",
    "Jessica", "Sophie", "Rachel", "Kelly",   "Natalie", "Megan",  "Leanne", "Zoe", "Katie"};
constexpr std::string_view kYoungerMen[] = {
    "Daniel", "James", "Thomas", "Matthew", "Ryan",   "Liam",  "Jack",  "Adam", "Luke",
    "Craig",  "Jamie", "Callum", "Kieran",  "Nathan", "Lewis", "Scott", "Dean", "Jordan"};
constexpr std::string_view kSouthAsianWomen[] = {
    "Priya", "Aisha", "Fatima", "Nasreen", "Sunita", "Rukhsana", "Anjali", "Shazia", "Parveen"};
constexpr std::string_view kSouthAsianMen[] = {"Mohammed", "Imran", "Rajesh",   "Arjun", "Tariq",
                                               "Sanjay",   "Abdul", "Harpreet", "Yusuf"};
constexpr std::string_view kAfricanCaribbeanWomen[] = {"Grace",   "Blessing", "Marcia",  "Joy",
                                                       "Comfort", "Precious", "Hyacinth"};
constexpr std::string_view kAfricanCaribbeanMen[] = {"Emmanuel", "Winston", "Samuel", "Kwame",
                                                     "Delroy",   "Tunde",   "Clive"};
constexpr std::string_view kNeutral[] = {"Alex", "Sam", "Jo", "Charlie", "Robin", "Jesse"};

constexpr std::string_view kFamilyNames[] = {
    "Smith",    "Jones",  "Taylor",   "Brown",  "Williams", "Wilson",   "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans",  "Walker",   "White",    "Roberts", "Green",
    "Hall",     "Wood",   "Jackson",  "Clarke", "Turner",   "Hill",     "Cooper",  "Ward",
    "Harris",   "Martin", "Moore",    "Hughes", "Edwards",  "Lewis",    "Baker",   "Harrison",
    "Morris",   "Kelly",  "Murphy",   "Byrne",  "Nowak",    "Kowalski", "Popescu", "Rossi"};
constexpr std::string_view kSouthAsianFamilyNames[] = {
    "Patel", "Khan", "Hussain", "Ahmed", "Singh", "Shah", "Begum", "Ali", "Sharma"};
constexpr std::string_view kAfricanCaribbeanFamilyNames[] = {
    "Campbell", "Okafor", "Mensah", "Adeyemi", "Francis", "Grant", "Osei", "Richards"};
constexpr std::string_view kChineseFamilyNames[] = {"Chen", "Wong", "Li", "Zhang", "Lam"};
constexpr std::string_view kChineseGiven[] = {"Mei", "Wei", "Lin", "Jun", "Hui", "Ming"};

constexpr std::string_view kStreets[] = {
    "Mill Lane",    "Station Road",  "Church Street", "Victoria Terrace", "Park Avenue",
    "The Crescent", "Orchard Close", "Meadow Way",    "Chapel Row",       "Elm Grove",
    "High Street",  "Quarry Hill",   "Brook Street",  "Windmill Rise",    "Castle View"};

struct Town {
  std::string_view name;
  int district;  // the postcode district number, DZ1 … DZ9 (DZ is not a real postcode area)
};
constexpr Town kTowns[] = {{"Ashby Vale", 1}, {"Ashby Vale", 2},   {"Northgate", 3},
                           {"Northgate", 4},  {"Kingsbridge", 5},  {"Saltmarsh", 6},
                           {"Saltmarsh", 7},  {"Upper Denton", 8}, {"Fenwick", 9}};

constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

std::string_view Pick(Random& random, Names_ list) { return list[random.Below(list.size())]; }

bool SouthAsian(std::string_view e) { return e == "H" || e == "J" || e == "K" || e == "L"; }
bool AfricanCaribbean(std::string_view e) { return e == "M" || e == "N" || e == "P" || e == "D"; }

}  // namespace

Names NameFor(Random& random, std::string_view gender, std::string_view ethnicity, int age) {
  const bool woman = gender == "female" || (gender != "male" && random.PerMille(500));
  Names out;
  if (gender == "other" && random.PerMille(500)) {
    out.given = Pick(random, kNeutral);
  } else if (SouthAsian(ethnicity)) {
    out.given = Pick(random, woman ? Names_(kSouthAsianWomen) : Names_(kSouthAsianMen));
  } else if (AfricanCaribbean(ethnicity)) {
    out.given = Pick(random, woman ? Names_(kAfricanCaribbeanWomen) : Names_(kAfricanCaribbeanMen));
  } else if (ethnicity == "R") {
    out.given = Pick(random, kChineseGiven);
  } else if (age >= 60) {
    out.given = Pick(random, woman ? Names_(kOlderWomen) : Names_(kOlderMen));
  } else {
    out.given = Pick(random, woman ? Names_(kYoungerWomen) : Names_(kYoungerMen));
  }
  if (SouthAsian(ethnicity)) {
    out.family = Pick(random, kSouthAsianFamilyNames);
  } else if (AfricanCaribbean(ethnicity)) {
    out.family = Pick(random, kAfricanCaribbeanFamilyNames);
  } else if (ethnicity == "R") {
    out.family = Pick(random, kChineseFamilyNames);
  } else {
    out.family = Pick(random, kFamilyNames);
  }
  return out;
}

Address AddressFor(Random& random) {
  const Town& town = kTowns[random.Below(std::size(kTowns))];
  Address a;
  a.town = town.name;
  a.lines = fmt::format("{} {}, {}", random.Between(1, 160), Pick(random, kStreets), town.name);
  a.postcode = fmt::format("DZ{} {}{}{}", town.district, random.Between(1, 9),
                           kInwardLetters[random.Below(kInwardLetters.size())],
                           kInwardLetters[random.Below(kInwardLetters.size())]);
  return a;
}

std::string_view InterpreterLanguage(Random& random, std::string_view ethnicity) {
  if (SouthAsian(ethnicity)) {
    static constexpr std::string_view kLanguages[] = {"Urdu", "Punjabi", "Bengali", "Gujarati"};
    return Pick(random, kLanguages);
  }
  if (ethnicity == "R") return "Cantonese";
  if (ethnicity == "C") {
    static constexpr std::string_view kLanguages[] = {"Polish", "Romanian", "Portuguese"};
    return Pick(random, kLanguages);
  }
  if (AfricanCaribbean(ethnicity)) {
    static constexpr std::string_view kLanguages[] = {"Somali", "Tigrinya", "French"};
    return Pick(random, kLanguages);
  }
  static constexpr std::string_view kLanguages[] = {"Arabic", "Farsi", "Kurdish"};
  return Pick(random, kLanguages);
}

std::string AssistantName(Random& random) {
  static constexpr std::string_view kGiven[] = {"Sam",   "Chris", "Jo",    "Kerry", "Dan",
                                                "Amira", "Tom",   "Nadia", "Lee",   "Beth"};
  return fmt::format("{} {}", Pick(random, kGiven), Pick(random, kFamilyNames));
}

}  // namespace selfdirect::simulate
