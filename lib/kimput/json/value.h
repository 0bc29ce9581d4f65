// kimput::json::Value — the in-memory JSON tree a document is held in.
//
// Objects keep their keys in insertion order, so a document read and written again keeps
// its field order, and fields added by a pass come after the ones it received. Numbers keep
// their kind (signed, unsigned, double) so integers round-trip exactly. Strings hold UTF-8.
// A Value is a plain value type: copyable, movable, not thread-safe to mutate concurrently.
//
// A Raw value is JSON text that a pass wrote with json::Writer (writer.h) for a field it
// adds, written out as it is: building a tree of objects for every mention, only to walk
// and free it when the line is written, cost more than finding the mentions. It is opaque
// in memory (not an array or object to find() in): a pass that reads another's field gets
// it from the document in its own form (Document::entity_mentions()).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kimput::json {

class Value {
 public:
  enum class Type { Null, Bool, Int, UInt, Double, String, Array, Object, Raw };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::Bool), b_(b) {}
  Value(int v) : type_(Type::Int), i_(v) {}
  Value(int64_t v) : type_(Type::Int), i_(v) {}
  Value(uint64_t v) : type_(Type::UInt), u_(v) {}
  Value(double v) : type_(Type::Double), d_(v) {}
  Value(std::string s) : type_(Type::String), s_(std::move(s)) {}
  Value(std::string_view s) : type_(Type::String), s_(s) {}
  Value(const char* s) : type_(Type::String), s_(s) {}

  static Value array() { Value v; v.type_ = Type::Array; return v; }
  static Value object() { Value v; v.type_ = Type::Object; return v; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_raw() const { return type_ == Type::Raw; }
  bool is_number() const { return type_ == Type::Int || type_ == Type::UInt || type_ == Type::Double; }

  bool as_bool() const { return type_ == Type::Bool && b_; }
  int64_t as_int() const;  // numbers converted; 0 for non-numbers
  double as_double() const;
  const std::string& as_string() const { return s_; }  // also a Raw value's JSON text
  std::string& as_string() { return s_; }
  // The number as it is kept, for a value of that type only (Int, UInt, Double).
  int64_t raw_int() const { return i_; }
  uint64_t raw_uint() const { return u_; }
  double raw_double() const { return d_; }

  // Arrays.
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  void push_back(Value v) { items_.push_back(std::move(v)); }
  size_t size() const { return type_ == Type::Object ? keys_.size() : items_.size(); }

  // Objects (values live in items_, keys in keys_, same index).
  const std::vector<std::string>& keys() const { return keys_; }
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Replaces the value of `key` in place, or appends it at the end.
  Value& set(std::string_view key, Value v);
  // Appends a member the object does not have yet (no search: for building new objects).
  Value& append(std::string_view key, Value v);
  // The same for a null member, made in place (no Value to move in and destroy).
  Value& append_null(std::string_view key);
  // Room for n members or items, for objects and arrays built whole.
  void reserve(size_t n) {
    items_.reserve(n);
    if (type_ == Type::Object) keys_.reserve(n);
  }
  bool erase(std::string_view key);

  // Convenience lookups for optional fields: nullptr/empty when absent or of another type.
  const std::string* get_string(std::string_view key) const;

  bool operator==(const Value& o) const;

 private:
  friend class Writer;  // the only maker of Raw values
  Type type_ = Type::Null;
  // One scalar, by type_: a Value is moved and destroyed often (every member of every
  // document), and four fields side by side made each 24 bytes larger.
  union {
    bool b_;
    int64_t i_ = 0;
    uint64_t u_;
    double d_;
  };
  std::string s_;
  std::vector<Value> items_;
  std::vector<std::string> keys_;
};

// Builds an object from key/value pairs in order: obj({{"start", 1}, {"end", 4}}).
Value obj(std::initializer_list<std::pair<std::string_view, Value>> members);

}  // namespace kimput::json
