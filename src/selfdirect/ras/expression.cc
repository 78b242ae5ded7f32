#include "selfdirect/ras/expression.h"

#include <fmt/format.h>

#include <cctype>
#include <utility>
#include <vector>

#include "selfdirect/ras/decimal.h"

namespace selfdirect::ras {
namespace {

constexpr int kMaxDepth = 100;

enum class Tok {
  kEnd,
  kNumber,
  kName,
  kText,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kCaret,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kColon,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIf,
  kThen,
  kElif,
  kElse,
  kMatch,
  kNot,
  kAnd,
  kOr,
  kIn,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string_view text;
  SourceLocation where;
};

class Parser {
 public:
  Parser(std::string_view text, const ExpressionSource& source, Problems* problems)
      : text_(text), source_(source), problems_(problems) {}

  std::unique_ptr<Expr> Parse() {
    if (!Lex()) return nullptr;
    auto expr = ParseExpr();
    if (expr && Peek().kind != Tok::kEnd) {
      Error(Peek().where, fmt::format("I did not expect \"{}\" here; is an operator or a comma "
                                      "missing before it?",
                                      Peek().text));
      return nullptr;
    }
    return expr;
  }

 private:
  SourceLocation At(std::size_t offset) const {
    SourceLocation where = source_.start;
    if (where.line == 0) return where;
    int column = where.column + (source_.quoted ? 1 : 0);
    int line = where.line;
    for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    return {line, column};
  }

  void Error(SourceLocation where, std::string message) {
    if (!failed_) problems_->push_back({where, std::move(message)});
    failed_ = true;
  }

  bool Lex() {
    std::size_t i = 0;
    const std::size_t n = text_.size();
    while (i < n) {
      const char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      const std::size_t start = i;
      Token token;
      token.where = At(start);
      if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
        while (i < n &&
               (std::isdigit(static_cast<unsigned char>(text_[i])) != 0 || text_[i] == '.')) {
          ++i;
        }
        token.kind = Tok::kNumber;
      } else if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
        while (i < n &&
               (std::isalnum(static_cast<unsigned char>(text_[i])) != 0 || text_[i] == '_')) {
          ++i;
        }
        token.kind = KeywordOrName(text_.substr(start, i - start));
      } else if (c == '"' || c == '\'') {
        ++i;
        while (i < n && text_[i] != c && text_[i] != '\n') ++i;
        if (i >= n || text_[i] != c) {
          Error(token.where, "This quoted value has no closing quote");
          return false;
        }
        ++i;
        token.kind = Tok::kText;
        token.text = text_.substr(start + 1, i - start - 2);
        tokens_.push_back(token);
        continue;
      } else {
        const char d = i + 1 < n ? text_[i + 1] : '\0';
        i += 1;
        switch (c) {
          case '+':
            token.kind = Tok::kPlus;
            break;
          case '-':
            token.kind = Tok::kMinus;
            break;
          case '*':
            token.kind = Tok::kStar;
            break;
          case '/':
            token.kind = Tok::kSlash;
            break;
          case '^':
            token.kind = Tok::kCaret;
            break;
          case '(':
            token.kind = Tok::kLParen;
            break;
          case ')':
            token.kind = Tok::kRParen;
            break;
          case '[':
            token.kind = Tok::kLBracket;
            break;
          case ']':
            token.kind = Tok::kRBracket;
            break;
          case '{':
            token.kind = Tok::kLBrace;
            break;
          case '}':
            token.kind = Tok::kRBrace;
            break;
          case ',':
            token.kind = Tok::kComma;
            break;
          case ':':
            token.kind = Tok::kColon;
            break;
          case '=':
            if (d != '=') {
              Error(token.where, "Write == to compare (a single = is not an operator)");
              return false;
            }
            token.kind = Tok::kEq;
            ++i;
            break;
          case '!':
            if (d != '=') {
              Error(token.where, "Write \"not\" for not, or != for not equal");
              return false;
            }
            token.kind = Tok::kNe;
            ++i;
            break;
          case '<':
            token.kind = d == '=' ? Tok::kLe : Tok::kLt;
            if (d == '=') ++i;
            break;
          case '>':
            token.kind = d == '=' ? Tok::kGe : Tok::kGt;
            if (d == '=') ++i;
            break;
          default:
            Error(token.where,
                  fmt::format("\"{}\" cannot appear in an expression", text_.substr(start, 1)));
            return false;
        }
      }
      token.text = text_.substr(start, i - start);
      tokens_.push_back(token);
    }
    tokens_.push_back({Tok::kEnd, "the end", At(n)});
    return true;
  }

  static Tok KeywordOrName(std::string_view word) {
    static const std::pair<std::string_view, Tok> kKeywords[] = {
        {"if", Tok::kIf},     {"then", Tok::kThen},   {"elif", Tok::kElif},
        {"else", Tok::kElse}, {"match", Tok::kMatch}, {"not", Tok::kNot},
        {"and", Tok::kAnd},   {"or", Tok::kOr},       {"in", Tok::kIn}};
    for (const auto& [text, tok] : kKeywords) {
      if (word == text) return tok;
    }
    return Tok::kName;
  }

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool Accept(Tok kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }
  bool Expect(Tok kind, std::string_view what) {
    if (Accept(kind)) return true;
    Error(Peek().where, fmt::format("Expected {} here, not \"{}\"", what, Peek().text));
    return false;
  }

  static std::unique_ptr<Expr> Node(ExprKind kind, SourceLocation where) {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->where = where;
    return expr;
  }

  // Guards recursion: every Parse* that can nest calls Enter first.
  struct DepthGuard {
    explicit DepthGuard(int* depth) : depth(depth) { ++*depth; }
    ~DepthGuard() { --*depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    int* depth;
  };
  bool TooDeep() {
    if (depth_ <= kMaxDepth) return false;
    Error(Peek().where, fmt::format("This expression nests more than {} levels deep; split it "
                                    "into derived values",
                                    kMaxDepth));
    return true;
  }

  std::unique_ptr<Expr> ParseExpr() {
    DepthGuard guard(&depth_);
    if (TooDeep()) return nullptr;
    return ParseOr();
  }

  std::unique_ptr<Expr> ParseBinaryChain(Tok tok, BinaryOp op,
                                         std::unique_ptr<Expr> (Parser::*operand)()) {
    auto left = (this->*operand)();
    while (left && Peek().kind == tok) {
      const SourceLocation where = Next().where;
      auto right = (this->*operand)();
      if (!right) return nullptr;
      auto node = Node(ExprKind::kBinary, where);
      node->op = op;
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  std::unique_ptr<Expr> ParseOr() {
    return ParseBinaryChain(Tok::kOr, BinaryOp::kOr, &Parser::ParseAnd);
  }
  std::unique_ptr<Expr> ParseAnd() {
    return ParseBinaryChain(Tok::kAnd, BinaryOp::kAnd, &Parser::ParseNot);
  }

  std::unique_ptr<Expr> ParseNot() {
    if (Peek().kind == Tok::kNot) {
      DepthGuard guard(&depth_);
      if (TooDeep()) return nullptr;
      auto node = Node(ExprKind::kNot, Next().where);
      auto operand = ParseNot();
      if (!operand) return nullptr;
      node->children.push_back(std::move(operand));
      return node;
    }
    return ParseComparison();
  }

  std::unique_ptr<Expr> ParseComparison() {
    auto left = ParseAdditive();
    if (!left) return nullptr;
    static const std::pair<Tok, BinaryOp> kComparisons[] = {
        {Tok::kEq, BinaryOp::kEq}, {Tok::kNe, BinaryOp::kNe}, {Tok::kLt, BinaryOp::kLt},
        {Tok::kLe, BinaryOp::kLe}, {Tok::kGt, BinaryOp::kGt}, {Tok::kGe, BinaryOp::kGe}};
    for (const auto& [tok, op] : kComparisons) {
      if (Peek().kind != tok) continue;
      const SourceLocation where = Next().where;
      auto right = ParseAdditive();
      if (!right) return nullptr;
      auto node = Node(ExprKind::kBinary, where);
      node->op = op;
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(right));
      return node;
    }
    if (Peek().kind == Tok::kIn) {
      auto node = Node(ExprKind::kIn, Next().where);
      node->children.push_back(std::move(left));
      if (!Expect(Tok::kLBracket, "[ and a list of values")) return nullptr;
      do {
        if (Peek().kind != Tok::kText) {
          Error(Peek().where, "List the values in quotes, like [\"own_home\", \"shared_lives\"]");
          return nullptr;
        }
        node->arm_codes.emplace_back(Next().text);
      } while (Accept(Tok::kComma));
      if (!Expect(Tok::kRBracket, "]")) return nullptr;
      return node;
    }
    return left;
  }

  std::unique_ptr<Expr> ParseAdditive() {
    auto left = ParseMultiplicative();
    while (left && (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus)) {
      const Token& token = Next();
      auto right = ParseMultiplicative();
      if (!right) return nullptr;
      auto node = Node(ExprKind::kBinary, token.where);
      node->op = token.kind == Tok::kPlus ? BinaryOp::kAdd : BinaryOp::kSub;
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  std::unique_ptr<Expr> ParseMultiplicative() {
    auto left = ParseUnary();
    while (left && (Peek().kind == Tok::kStar || Peek().kind == Tok::kSlash)) {
      const Token& token = Next();
      auto right = ParseUnary();
      if (!right) return nullptr;
      auto node = Node(ExprKind::kBinary, token.where);
      node->op = token.kind == Tok::kStar ? BinaryOp::kMul : BinaryOp::kDiv;
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  std::unique_ptr<Expr> ParseUnary() {
    if (Peek().kind == Tok::kMinus) {
      DepthGuard guard(&depth_);
      if (TooDeep()) return nullptr;
      const SourceLocation where = Next().where;
      auto operand = ParseUnary();
      if (!operand) return nullptr;
      if (operand->kind == ExprKind::kNumber && operand->number > 0) {
        operand->number = -operand->number;
        operand->where = where;
        return operand;
      }
      auto node = Node(ExprKind::kNegate, where);
      node->children.push_back(std::move(operand));
      return node;
    }
    return ParsePower();
  }

  std::unique_ptr<Expr> ParsePower() {
    auto base = ParsePrimary();
    if (base && Peek().kind == Tok::kCaret) {
      DepthGuard guard(&depth_);
      if (TooDeep()) return nullptr;
      const SourceLocation where = Next().where;
      auto exponent = ParseUnary();
      if (!exponent) return nullptr;
      auto node = Node(ExprKind::kBinary, where);
      node->op = BinaryOp::kPow;
      node->children.push_back(std::move(base));
      node->children.push_back(std::move(exponent));
      return node;
    }
    return base;
  }

  std::unique_ptr<Expr> ParsePrimary() {
    DepthGuard guard(&depth_);
    if (TooDeep()) return nullptr;
    const Token token = Next();
    switch (token.kind) {
      case Tok::kNumber: {
        auto node = Node(ExprKind::kNumber, token.where);
        auto value = ParseMicros(token.text);
        if (!value) {
          Error(token.where, value.error().message);
          return nullptr;
        }
        node->number = *value;
        return node;
      }
      case Tok::kText: {
        auto node = Node(ExprKind::kText, token.where);
        node->text = std::string(token.text);
        return node;
      }
      case Tok::kName: {
        if (Peek().kind == Tok::kLParen) {
          Next();
          auto node = Node(ExprKind::kCall, token.where);
          node->text = std::string(token.text);
          if (!Accept(Tok::kRParen)) {
            do {
              auto argument = ParseExpr();
              if (!argument) return nullptr;
              node->children.push_back(std::move(argument));
            } while (Accept(Tok::kComma));
            if (!Expect(Tok::kRParen, ") to close the call")) return nullptr;
          }
          return node;
        }
        auto node = Node(ExprKind::kName, token.where);
        node->text = std::string(token.text);
        return node;
      }
      case Tok::kLParen: {
        auto inner = ParseExpr();
        if (!inner || !Expect(Tok::kRParen, ") to close the bracket")) return nullptr;
        return inner;
      }
      case Tok::kIf: {
        auto node = Node(ExprKind::kIf, token.where);
        do {
          auto condition = ParseExpr();
          if (!condition || !Expect(Tok::kThen, "\"then\"")) return nullptr;
          auto branch = ParseExpr();
          if (!branch) return nullptr;
          node->children.push_back(std::move(condition));
          node->children.push_back(std::move(branch));
        } while (Accept(Tok::kElif));
        if (!Expect(Tok::kElse, "\"else\" (every \"if\" needs one)")) return nullptr;
        auto otherwise = ParseExpr();
        if (!otherwise) return nullptr;
        node->children.push_back(std::move(otherwise));
        node->has_else = true;
        return node;
      }
      case Tok::kMatch: {
        auto node = Node(ExprKind::kMatch, token.where);
        auto subject = ParseExpr();
        if (!subject || !Expect(Tok::kLBrace, "{ and the cases")) return nullptr;
        node->children.push_back(std::move(subject));
        while (Peek().kind != Tok::kRBrace) {
          if (Accept(Tok::kElse)) {
            if (!Expect(Tok::kColon, ": after else")) return nullptr;
            auto otherwise = ParseExpr();
            if (!otherwise) return nullptr;
            node->children.push_back(std::move(otherwise));
            node->has_else = true;
            Accept(Tok::kComma);
            if (Peek().kind != Tok::kRBrace) {
              Error(Peek().where, "\"else\" must be the last case of a match");
              return nullptr;
            }
            break;
          }
          if (Peek().kind != Tok::kText) {
            Error(Peek().where,
                  "Each case of a match starts with a value in quotes, like "
                  "\"own_home\": ...");
            return nullptr;
          }
          node->arm_codes.emplace_back(Next().text);
          if (!Expect(Tok::kColon, ": after the value")) return nullptr;
          auto arm = ParseExpr();
          if (!arm) return nullptr;
          node->children.push_back(std::move(arm));
          if (!Accept(Tok::kComma) && Peek().kind != Tok::kRBrace) {
            Error(Peek().where, "Separate the cases of a match with commas");
            return nullptr;
          }
        }
        Next();
        if (node->arm_codes.empty()) {
          Error(node->where, "A match needs at least one case");
          return nullptr;
        }
        return node;
      }
      case Tok::kEnd:
        Error(token.where, "The expression ends too soon; something is missing at the end");
        return nullptr;
      default:
        Error(token.where, fmt::format("I did not expect \"{}\" here", token.text));
        return nullptr;
    }
  }

  std::string_view text_;
  ExpressionSource source_;
  Problems* problems_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

const char* OpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kPow:
      return "^";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
  }
  return "?";
}

int Precedence(const Expr& e) {
  if (e.kind != ExprKind::kBinary) return e.kind == ExprKind::kIf ? 0 : 9;
  switch (e.op) {
    case BinaryOp::kOr:
      return 1;
    case BinaryOp::kAnd:
      return 2;
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe:
      return 4;
    case BinaryOp::kAdd:
    case BinaryOp::kSub:
      return 5;
    case BinaryOp::kMul:
    case BinaryOp::kDiv:
      return 6;
    case BinaryOp::kPow:
      return 8;
  }
  return 9;
}

std::string Wrapped(const Expr& e, int min_precedence) {
  std::string inner = ExpressionText(e);
  return Precedence(e) < min_precedence ? "(" + inner + ")" : inner;
}

}  // namespace

std::unique_ptr<Expr> ParseExpression(std::string_view text, const ExpressionSource& source,
                                      Problems* problems) {
  Parser parser(text, source, problems);
  return parser.Parse();
}

std::string ExpressionText(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNumber:
      return FormatMicros(e.number);
    case ExprKind::kText:
      return "\"" + e.text + "\"";
    case ExprKind::kName:
      return e.text;
    case ExprKind::kNegate:
      return "-" + Wrapped(*e.children[0], 7);
    case ExprKind::kNot:
      return "not " + Wrapped(*e.children[0], 3);
    case ExprKind::kBinary: {
      const int p = Precedence(e);
      const bool right_assoc = e.op == BinaryOp::kPow;
      return Wrapped(*e.children[0], right_assoc ? p + 1 : p) + " " + OpText(e.op) + " " +
             Wrapped(*e.children[1], right_assoc ? p : p + 1);
    }
    case ExprKind::kIf: {
      std::string out;
      for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
        out += (i == 0 ? "if " : " elif ") + ExpressionText(*e.children[i]) + " then " +
               ExpressionText(*e.children[i + 1]);
      }
      return out + " else " + ExpressionText(*e.children.back());
    }
    case ExprKind::kMatch: {
      std::string out = "match " + ExpressionText(*e.children[0]) + " {";
      for (std::size_t i = 0; i < e.arm_codes.size(); ++i) {
        out += (i == 0 ? " \"" : ", \"") + e.arm_codes[i] +
               "\": " + ExpressionText(*e.children[i + 1]);
      }
      if (e.has_else) out += ", else: " + ExpressionText(*e.children.back());
      return out + " }";
    }
    case ExprKind::kIn: {
      std::string out = Wrapped(*e.children[0], 5) + " in [";
      for (std::size_t i = 0; i < e.arm_codes.size(); ++i) {
        out += (i == 0 ? "\"" : ", \"") + e.arm_codes[i] + "\"";
      }
      return out + "]";
    }
    case ExprKind::kCall: {
      std::string out = e.text + "(";
      for (std::size_t i = 0; i < e.children.size(); ++i) {
        out += (i == 0 ? "" : ", ") + ExpressionText(*e.children[i]);
      }
      return out + ")";
    }
  }
  return "";
}

}  // namespace selfdirect::ras
