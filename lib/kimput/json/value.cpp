#include "kimput/json/value.h"

#include <cstring>

namespace kimput::json {

int64_t Value::as_int() const {
  switch (type_) {
    case Type::Int: return i_;
    case Type::UInt: return static_cast<int64_t>(u_);
    case Type::Double: return static_cast<int64_t>(d_);
    default: return 0;
  }
}

double Value::as_double() const {
  switch (type_) {
    case Type::Int: return static_cast<double>(i_);
    case Type::UInt: return static_cast<double>(u_);
    case Type::Double: return d_;
    default: return 0;
  }
}

const Value* Value::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  // The first byte before the rest: keys of the same size mostly differ there ("meta" and
  // "text", "tokens" and "quotes"), and a call to memcmp cost more than the whole test.
  for (size_t i = 0; i < keys_.size(); ++i) {
    const std::string& k = keys_[i];
    if (k.size() == key.size() && (key.empty() || (k[0] == key[0] && std::memcmp(k.data(), key.data(), key.size()) == 0)))
      return &items_[i];
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

Value& Value::set(std::string_view key, Value v) {
  if (type_ != Type::Object) *this = object();
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  keys_.emplace_back(key);
  items_.push_back(std::move(v));
  return items_.back();
}

Value& Value::append(std::string_view key, Value v) {
  if (type_ != Type::Object) *this = object();
  keys_.emplace_back(key);
  items_.push_back(std::move(v));
  return items_.back();
}

Value& Value::append_null(std::string_view key) {
  if (type_ != Type::Object) *this = object();
  keys_.emplace_back(key);
  return items_.emplace_back();
}

bool Value::erase(std::string_view key) {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(i));
      items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

const std::string* Value::get_string(std::string_view key) const {
  const Value* v = find(key);
  return v && v->is_string() ? &v->s_ : nullptr;
}

bool Value::operator==(const Value& o) const {
  if (is_number() && o.is_number()) {
    if (type_ == o.type_) {
      return type_ == Type::Int ? i_ == o.i_ : type_ == Type::UInt ? u_ == o.u_ : d_ == o.d_;
    }
    return as_double() == o.as_double();
  }
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::Null: return true;
    case Type::Bool: return b_ == o.b_;
    case Type::String:
    case Type::Raw: return s_ == o.s_;
    case Type::Array: return items_ == o.items_;
    case Type::Object: return keys_ == o.keys_ && items_ == o.items_;
    default: return false;
  }
}

Value obj(std::initializer_list<std::pair<std::string_view, Value>> members) {
  Value v = Value::object();
  v.reserve(members.size());
  for (const auto& [k, val] : members) v.set(k, val);
  return v;
}

}  // namespace kimput::json
