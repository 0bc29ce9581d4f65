#include "kimput/json/reader.h"

#include <simdjson.h>

namespace kimput::json {

struct Reader::Impl {
  simdjson::dom::parser parser;
  std::string buffer;  // input copied with simdjson's required padding
};

Reader::Reader() : impl_(std::make_unique<Impl>()) {}
Reader::~Reader() = default;

namespace {

Value convert(simdjson::dom::element e) {
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::NULL_VALUE: return Value();
    case T::BOOL: return Value(bool(e.get_bool().value_unsafe()));
    case T::INT64: return Value(int64_t(e.get_int64().value_unsafe()));
    case T::UINT64: return Value(uint64_t(e.get_uint64().value_unsafe()));
    case T::DOUBLE: return Value(double(e.get_double().value_unsafe()));
    case T::STRING: return Value(std::string_view(e.get_string().value_unsafe()));
    // The array/object is copied out of its simdjson_result first: iterating
    // `e.get_array().value_unsafe()` directly would use a reference into a temporary that
    // is gone by the time the loop runs (a crash at -O3).
    // Room for the members at once (simdjson keeps their count, a lower bound for the very
    // largest), where the vectors grew 1, 2, 4...
    case T::ARRAY: {
      Value a = Value::array();
      simdjson::dom::array arr = e.get_array().value_unsafe();
      a.reserve(arr.size());
      for (simdjson::dom::element item : arr) a.push_back(convert(item));
      return a;
    }
    case T::OBJECT: {
      Value o = Value::object();
      simdjson::dom::object object = e.get_object().value_unsafe();
      o.reserve(object.size());
      for (auto field : object) o.set(field.key, convert(field.value));
      return o;
    }
  }
  return Value();
}

}  // namespace

ParseResult Reader::parse(std::string_view text) {
  ParseResult r;
  // simdjson needs SIMDJSON_PADDING readable bytes past the end.
  impl_->buffer.assign(text.data(), text.size());
  impl_->buffer.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  auto err = impl_->parser.parse(impl_->buffer.data(), text.size(), false).get(root);
  if (err) {
    r.error = simdjson::error_message(err);
    return r;
  }
  r.value = convert(root);
  r.ok = true;
  return r;
}

}  // namespace kimput::json
